package apikeys

import (
	"crypto/rand"
	"math/big"
)

const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// NewKey returns a fresh API key shown once to the customer.
func NewKey() (string, error) {
	b := make([]byte, 40)
	max := big.NewInt(int64(len(alphabet)))
	for i := range b {
		// expect-not: CWE-338
		n, err := rand.Int(rand.Reader, max)
		if err != nil {
			return "", err
		}
		b[i] = alphabet[n.Int64()]
	}
	return "ak_" + string(b), nil
}
