package com.acme.tokens;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** Encrypts the remember-me cookie payload. */
public class TokenCipher {

    private final SecretKey key;

    public TokenCipher(byte[] keyBytes) {
        this.key = new SecretKeySpec(keyBytes, 0, 8, "DES");
    }

    public String seal(String payload) throws GeneralSecurityException {
        // expect: CWE-327
        Cipher cipher = Cipher.getInstance("DES/ECB/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return Base64.getUrlEncoder().encodeToString(cipher.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }
}
