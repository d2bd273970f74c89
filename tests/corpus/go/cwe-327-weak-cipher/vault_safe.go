package vault

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
)

// Seal encrypts stored API credentials with the master key (32 bytes) using AES-256-GCM.
func Seal(masterKey, plaintext []byte) ([]byte, error) {
	// expect-not: CWE-327
	block, err := aes.NewCipher(masterKey)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, gcm.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return gcm.Seal(nonce, nonce, plaintext, nil), nil
}
