package com.acme.sso.web;

import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class SsoCallbackController {

    /** The client sends a key; the destination itself never comes from the request. */
    private static final Map<String, String> DESTINATIONS = Map.of(
            "billing", "https://billing.acme.example/home",
            "support", "https://support.acme.example/tickets",
            "console", "/console");

    private final TokenService tokens;

    public SsoCallbackController(TokenService tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/sso/callback")
    public String callback(@RequestParam("code") String code, @RequestParam("return_to") String returnTo) {
        tokens.redeem(code);
        String destination = DESTINATIONS.getOrDefault(returnTo, "/console");
        // expect-not: CWE-601
        return "redirect:" + destination;
    }

    public interface TokenService {
        void redeem(String code);
    }
}
