package com.acme.files.web;

import java.io.File;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
public class UploadController {

    private static final String UPLOAD_DIR = "/srv/acme/uploads";

    @PostMapping("/upload")
    public ResponseEntity<String> upload(@RequestParam("file") MultipartFile file) throws IOException {
        // The stored name is generated; the client's file name is kept only as metadata.
        String stored = UUID.randomUUID() + ".bin";
        File dest = new File(UPLOAD_DIR, stored);
        // expect-not: CWE-22
        file.transferTo(dest);
        return ResponseEntity.ok(stored);
    }
}
