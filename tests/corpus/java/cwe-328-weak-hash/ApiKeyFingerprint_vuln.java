package com.acme.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** API keys are stored only as a digest; incoming keys are hashed and looked up. */
public class ApiKeyFingerprint {

    public static String digestForStorage(String apiKey) throws NoSuchAlgorithmException {
        // expect: CWE-328
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        return HexFormat.of().formatHex(sha1.digest(apiKey.getBytes(StandardCharsets.UTF_8)));
    }
}
