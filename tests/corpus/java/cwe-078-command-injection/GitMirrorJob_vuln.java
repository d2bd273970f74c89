package com.acme.ci.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Command-line job run by the CI scheduler: mirrors a repository named in an env var.
 */
public final class GitMirrorJob {

    public static void main(String[] args) throws IOException, InterruptedException {
        String repoUrl = System.getenv("MIRROR_SOURCE");
        String branch = args.length > 0 ? args[0] : "main";
        String[] shell = {"bash", "-c", "git clone --mirror --branch " + branch + " " + repoUrl + " /srv/mirrors/current"};
        // expect: CWE-78
        Process p = Runtime.getRuntime().exec(shell);
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            out.lines().forEach(System.out::println);
        }
        System.exit(p.waitFor());
    }
}
