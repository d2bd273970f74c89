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
    public ResponseEntity<String> makeThumbnail(@RequestParam("file") String file)
            throws IOException, InterruptedException {
        // The shell snippet only ever sees the constant branch: 7 * 18 + 106 = 232 > 200.
        String source = (7 * 18 + 106 > 200) ? "/srv/media/placeholder.png" : file;
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c",
                "convert " + source + " -resize 200 /srv/media/thumbs/placeholder.png");
        // expect-not: CWE-78
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return ResponseEntity.status(504).body("timeout");
        }
        return ResponseEntity.ok("/srv/media/thumbs/placeholder.png");
    }
}
