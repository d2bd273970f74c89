package com.acme.accounts;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** Stores and checks account passwords with salted PBKDF2. */
public class PasswordStore {

    private static final int ITERATIONS = 310_000;
    private static final SecureRandom RNG = new SecureRandom();

    private final UserRepository users;

    public PasswordStore(UserRepository users) {
        this.users = users;
    }

    public void setPassword(long userId, String password) throws GeneralSecurityException {
        byte[] salt = new byte[16];
        RNG.nextBytes(salt);
        users.updatePasswordHash(userId, Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(derive(password, salt)));
    }

    public boolean check(long userId, String password) throws GeneralSecurityException {
        String[] stored = users.passwordHash(userId).split(":");
        byte[] salt = Base64.getDecoder().decode(stored[0]);
        return MessageDigest.isEqual(derive(password, salt), Base64.getDecoder().decode(stored[1]));
    }

    private static byte[] derive(String password, byte[] salt) throws GeneralSecurityException {
        // expect-not: CWE-328
        SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        return f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
    }

    public interface UserRepository {
        void updatePasswordHash(long userId, String hash);
        String passwordHash(long userId);
    }
}
