package com.acme.ci.jobs;

import java.io.IOException;

/**
 * Nightly housekeeping: garbage-collects every mirror. Fixed argv, nothing from outside.
 */
public final class GitMirrorJob {

    private static final String MIRROR_ROOT = "/srv/mirrors/current";

    public static void main(String[] args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("git", "-C", MIRROR_ROOT, "gc", "--prune=now", "--quiet");
        pb.inheritIO();
        // expect-not: CWE-78
        Process p = pb.start();
        int rc = p.waitFor();
        if (rc != 0) {
            System.err.println("git gc failed with exit code " + rc);
        }
        // expect-not: CWE-78
        Process du = Runtime.getRuntime().exec(new String[] {"du", "-sh", MIRROR_ROOT});
        System.exit(du.waitFor());
    }
}
