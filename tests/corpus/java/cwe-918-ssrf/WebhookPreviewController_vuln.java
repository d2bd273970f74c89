package com.acme.integrations.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** "Test your webhook" button: fetches the URL the user typed and shows the first bytes. */
@RestController
public class WebhookPreviewController {

    @PostMapping("/integrations/webhook/test")
    public String test(@RequestParam("url") String target) throws IOException {
        URL url = new URL(target);
        // expect: CWE-918
        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
        conn.setConnectTimeout(3000);
        conn.setReadTimeout(3000);
        try (InputStream in = conn.getInputStream()) {
            byte[] head = in.readNBytes(512);
            return conn.getResponseCode() + " " + new String(head, StandardCharsets.UTF_8);
        }
    }
}
