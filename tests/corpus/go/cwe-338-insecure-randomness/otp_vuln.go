package mfa

import (
	"fmt"
	"math/rand"
)

// SendLoginCode texts a six-digit one-time code to the user's phone.
func SendLoginCode(phone string, sms func(to, body string) error, store func(code string)) error {
	// expect: CWE-338
	code := fmt.Sprintf("%06d", rand.Intn(1000000))
	store(code)
	return sms(phone, "Your Acme login code is "+code)
}
