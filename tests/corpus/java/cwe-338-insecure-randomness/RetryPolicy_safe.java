package com.acme.clients;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter for calls to flaky upstreams; nothing secret here. */
public class RetryPolicy {

    private final Duration base;
    private final Duration cap;
    private final Random shuffle = new Random(42);

    public RetryPolicy(Duration base, Duration cap) {
        this.base = base;
        this.cap = cap;
    }

    public Duration delayForAttempt(int attempt) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt, 16));
        // expect-not: CWE-338
        long jittered = ThreadLocalRandom.current().nextLong(ceiling + 1);
        return Duration.ofMillis(jittered);
    }

    /** Picks which replica to try first so clients spread load. */
    public int firstReplica(int replicas) {
        // expect-not: CWE-338
        return shuffle.nextInt(replicas);
    }
}
