package com.acme.profile;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

/** Imports a profile picture from a URL the user pastes. */
@RestController
public class AvatarFetcher {

    private final RestTemplate rest = new RestTemplate();

    @PostMapping("/profile/avatar/import")
    public int importAvatar(@RequestParam("imageUrl") String imageUrl) {
        // expect: CWE-918
        byte[] image = rest.getForObject(imageUrl, byte[].class);
        return image == null ? 0 : image.length;
    }
}
