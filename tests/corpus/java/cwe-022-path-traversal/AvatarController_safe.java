package com.acme.profile.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AvatarController {

    private static final Pattern USERNAME = Pattern.compile("^[a-zA-Z0-9._-]{3,32}$");

    private final Path avatarRoot = Paths.get("/var/lib/acme/avatars");

    @PostMapping("/users/{username}/avatar")
    public ResponseEntity<Void> upload(@PathVariable String username, @RequestBody byte[] image) throws IOException {
        if (!USERNAME.matcher(username).matches() || username.contains("..")) {
            return ResponseEntity.badRequest().build();
        }
        Path target = avatarRoot.resolve(username + ".png");
        // expect-not: CWE-22
        Files.write(target, image);
        return ResponseEntity.noContent().build();
    }
}
