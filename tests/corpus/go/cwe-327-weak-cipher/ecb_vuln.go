package tokens

import (
	"crypto/aes"
)

// EncryptID hides sequential database ids in URLs. Each 16-byte block is encrypted on its
// own (ECB), so equal ids always give equal tokens and blocks can be swapped.
func EncryptID(key []byte, id [16]byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 16)
	// expect: CWE-327
	block.Encrypt(out, id[:])
	return out, nil
}
