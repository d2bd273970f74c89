package com.acme.accounts.reset;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

/** Issues password-reset tokens that are e-mailed to the user. */
public class ResetTokenService {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private final SecureRandom random = new SecureRandom();
    private final TokenRepository repository;

    public ResetTokenService(TokenRepository repository) {
        this.repository = repository;
    }

    public String issue(long userId) {
        StringBuilder token = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            // expect-not: CWE-338
            token.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        repository.save(userId, token.toString(), Instant.now().plus(Duration.ofMinutes(30)));
        return token.toString();
    }

    public interface TokenRepository {
        void save(long userId, String token, Instant expiresAt);
    }
}
