package com.acme.integrations.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** "Test your webhook" button, restricted to the chat providers we integrate with. */
@RestController
public class WebhookPreviewController {

    private static final Set<String> ALLOWED_HOSTS = Set.of("hooks.slack.com", "outlook.office.com", "discord.com");

    @PostMapping("/integrations/webhook/test")
    public String test(@RequestParam("url") String target) throws IOException {
        URI uri = URI.create(target);
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null
                || !ALLOWED_HOSTS.contains(uri.getHost().toLowerCase()) || uri.getPort() != -1) {
            return "unsupported webhook host";
        }
        URL url = uri.toURL();
        // expect-not: CWE-918
        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
        conn.setInstanceFollowRedirects(false);
        conn.setConnectTimeout(3000);
        conn.setReadTimeout(3000);
        try (InputStream in = conn.getInputStream()) {
            byte[] head = in.readNBytes(512);
            return conn.getResponseCode() + " " + new String(head, StandardCharsets.UTF_8);
        }
    }
}
