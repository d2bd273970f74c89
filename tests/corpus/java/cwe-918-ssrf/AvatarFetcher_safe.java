package com.acme.profile;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.util.UriComponentsBuilder;

/** Imports a profile picture from Gravatar; the user supplies only the e-mail hash. */
@RestController
public class AvatarFetcher {

    private final RestTemplate rest = new RestTemplate();

    @PostMapping("/profile/avatar/import")
    public int importAvatar(@RequestParam("emailHash") String emailHash) {
        if (!emailHash.matches("[0-9a-f]{32}|[0-9a-f]{64}")) {
            return 0;
        }
        String url = UriComponentsBuilder.fromHttpUrl("https://www.gravatar.com/avatar/{hash}")
                .queryParam("s", 256)
                .buildAndExpand(emailHash)
                .toUriString();
        // expect-not: CWE-918
        byte[] image = rest.getForObject(url, byte[].class);
        return image == null ? 0 : image.length;
    }
}
