package auth

import (
	"encoding/base64"
	"os"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// loadSigningKey reads the HMAC key from a mounted secret file.
func loadSigningKey() ([]byte, error) {
	raw, err := os.ReadFile("/run/secrets/jwt_signing_key")
	if err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(string(raw))
}

// IssueToken signs a session JWT for the given user.
func IssueToken(userID string) (string, error) {
	// expect-not: CWE-798
	signingKey, err := loadSigningKey()
	if err != nil {
		return "", err
	}
	claims := jwt.RegisteredClaims{Subject: userID, ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(signingKey)
}
