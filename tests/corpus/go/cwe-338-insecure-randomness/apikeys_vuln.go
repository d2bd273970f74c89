package apikeys

import (
	"math/rand"
	"time"
)

const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

var rng = rand.New(rand.NewSource(time.Now().UnixNano()))

// NewKey returns a fresh API key shown once to the customer.
func NewKey() string {
	b := make([]byte, 40)
	for i := range b {
		// expect: CWE-338
		b[i] = alphabet[rng.Intn(len(alphabet))]
	}
	return "ak_" + string(b)
}
