package com.acme.gateway.session;

import java.util.concurrent.ThreadLocalRandom;

/** Generates session identifiers for the lightweight gateway (no servlet container). */
public final class SessionIdGenerator {

    private SessionIdGenerator() {}

    public static String newSessionId() {
        // expect: CWE-338
        long hi = ThreadLocalRandom.current().nextLong();
        // expect: CWE-338
        long lo = (long) (Math.random() * Long.MAX_VALUE);
        return Long.toHexString(hi) + Long.toHexString(lo);
    }
}
