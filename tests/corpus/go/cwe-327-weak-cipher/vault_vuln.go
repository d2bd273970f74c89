package vault

import (
	"crypto/cipher"
	"crypto/des"
)

// Seal encrypts stored API credentials with the master key (24 bytes).
func Seal(masterKey, iv, plaintext []byte) ([]byte, error) {
	// expect: CWE-327
	block, err := des.NewTripleDESCipher(masterKey)
	if err != nil {
		return nil, err
	}
	padded := pkcs7(plaintext, block.BlockSize())
	out := make([]byte, len(padded))
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(out, padded)
	return out, nil
}

func pkcs7(b []byte, size int) []byte {
	n := size - len(b)%size
	for i := 0; i < n; i++ {
		b = append(b, byte(n))
	}
	return b
}
