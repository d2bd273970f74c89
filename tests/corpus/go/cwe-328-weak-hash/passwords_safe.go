package accounts

import (
	"golang.org/x/crypto/bcrypt"
)

// HashPassword returns the value stored in users.password_hash.
func HashPassword(password string) (string, error) {
	// expect-not: CWE-328
	h, err := bcrypt.GenerateFromPassword([]byte(password), 12)
	return string(h), err
}

func CheckPassword(password, stored string) bool {
	return bcrypt.CompareHashAndPassword([]byte(stored), []byte(password)) == nil
}
