package com.acme.gateway.session;

import java.security.SecureRandom;
import java.util.Base64;

/** Generates session identifiers for the lightweight gateway (no servlet container). */
public final class SessionIdGenerator {

    private static final SecureRandom RNG = new SecureRandom();

    private SessionIdGenerator() {}

    public static String newSessionId() {
        byte[] id = new byte[32];
        // expect-not: CWE-338
        RNG.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
