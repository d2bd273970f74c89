package com.acme.auth.config;

import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class JwtConfig {

    @Bean
    public SecretKey jwtSigningKey() {
        // expect: CWE-798
        return Keys.hmacShaKeyFor("k8V2pQx7Lm4Rt9Wz1Yb6Nc3Hf0Jd5Sg8".getBytes(StandardCharsets.UTF_8));
    }
}
