package auth

import (
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// expect: CWE-798
var signingKey = []byte("9f2c7e1ab4d86035e7c1f0a2b9d4c6e8")

// IssueToken signs a session JWT for the given user.
func IssueToken(userID string) (string, error) {
	claims := jwt.RegisteredClaims{Subject: userID, ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(signingKey)
}
