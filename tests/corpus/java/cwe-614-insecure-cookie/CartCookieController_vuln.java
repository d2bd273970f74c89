package com.acme.shop.web;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CartCookieController {

    private final CartService carts;

    public CartCookieController(CartService carts) {
        this.carts = carts;
    }

    @PostMapping("/cart")
    public ResponseEntity<Void> createCart() {
        String cartSession = carts.createSignedCartId();
        ResponseCookie cookie = ResponseCookie.from("CART_SESSION", cartSession)
                .path("/")
                .maxAge(Duration.ofDays(7))
                // expect: CWE-614
                .secure(false)
                .build();
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookie.toString()).build();
    }

    public interface CartService {
        String createSignedCartId();
    }
}
