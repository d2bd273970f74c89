package mfa

import (
	"crypto/rand"
	"fmt"
	"math/big"
)

// SendLoginCode texts a six-digit one-time code to the user's phone.
func SendLoginCode(phone string, sms func(to, body string) error, store func(code string)) error {
	// expect-not: CWE-338
	n, err := rand.Int(rand.Reader, big.NewInt(1000000))
	if err != nil {
		return err
	}
	code := fmt.Sprintf("%06d", n.Int64())
	store(code)
	return sms(phone, "Your Acme login code is "+code)
}
