package accounts

import (
	"crypto/md5"
	"crypto/subtle"
	"encoding/hex"
)

// HashPassword returns the value stored in users.password_hash.
func HashPassword(password, salt string) string {
	// expect: CWE-328
	sum := md5.Sum([]byte(salt + password))
	return hex.EncodeToString(sum[:])
}

func CheckPassword(password, salt, stored string) bool {
	return subtle.ConstantTimeCompare([]byte(HashPassword(password, salt)), []byte(stored)) == 1
}
