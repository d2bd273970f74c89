package com.acme.auth.config;

import io.jsonwebtoken.io.Decoders;
import io.jsonwebtoken.security.Keys;
import javax.crypto.SecretKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class JwtConfig {

    @Bean
    public SecretKey jwtSigningKey(@Value("${auth.jwt.signing-key}") String base64Key) {
        // expect-not: CWE-798
        return Keys.hmacShaKeyFor(Decoders.BASE64.decode(base64Key));
    }
}
