package com.acme.sso.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class SsoCallbackController {

    private final TokenService tokens;

    public SsoCallbackController(TokenService tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/sso/callback")
    public String callback(@RequestParam("code") String code, @RequestParam("return_to") String returnTo) {
        tokens.redeem(code);
        // expect: CWE-601
        return "redirect:" + returnTo;
    }

    public interface TokenService {
        void redeem(String code);
    }
}
