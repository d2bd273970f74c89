package com.acme.tokens;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Encrypts the remember-me cookie payload with AES-GCM and a fresh nonce. */
public class TokenCipher {

    private static final SecureRandom RNG = new SecureRandom();

    private final SecretKey key;

    public TokenCipher(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, 0, 32, "AES");
    }

    public String seal(String payload) throws GeneralSecurityException {
        byte[] iv = new byte[12];
        RNG.nextBytes(iv);
        // expect-not: CWE-327
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        byte[] ct = cipher.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().encodeToString(ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array());
    }
}
