package com.acme.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stores and checks account passwords. */
public class PasswordStore {

    private final UserRepository users;

    public PasswordStore(UserRepository users) {
        this.users = users;
    }

    public void setPassword(long userId, String password) throws NoSuchAlgorithmException {
        users.updatePasswordHash(userId, hash(password));
    }

    public boolean check(long userId, String password) throws NoSuchAlgorithmException {
        return MessageDigest.isEqual(hash(password).getBytes(StandardCharsets.US_ASCII),
                users.passwordHash(userId).getBytes(StandardCharsets.US_ASCII));
    }

    private static String hash(String password) throws NoSuchAlgorithmException {
        // expect: CWE-328
        MessageDigest md = MessageDigest.getInstance("MD5");
        return HexFormat.of().formatHex(md.digest(password.getBytes(StandardCharsets.UTF_8)));
    }

    public interface UserRepository {
        void updatePasswordHash(long userId, String hash);
        String passwordHash(long userId);
    }
}
