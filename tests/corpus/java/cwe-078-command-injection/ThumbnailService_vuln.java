package com.acme.media;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ThumbnailService {

    @PostMapping("/media/thumbnail")
    public ResponseEntity<String> makeThumbnail(@RequestParam("file") String file,
                                                @RequestParam(value = "width", defaultValue = "200") String width)
            throws IOException, InterruptedException {
        String target = "/srv/media/thumbs/" + file + ".png";
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c",
                "convert /srv/media/uploads/" + file + " -resize " + width + " " + target);
        // expect: CWE-78
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return ResponseEntity.status(504).body("timeout");
        }
        return ResponseEntity.ok(target);
    }
}
