package com.acme.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** API keys are 256-bit random values stored only as a SHA-256 digest. */
public class ApiKeyFingerprint {

    public static String digestForStorage(String apiKey) throws NoSuchAlgorithmException {
        // expect-not: CWE-328
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        return HexFormat.of().formatHex(sha256.digest(apiKey.getBytes(StandardCharsets.UTF_8)));
    }
}
