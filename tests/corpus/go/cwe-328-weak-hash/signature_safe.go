package webhooks

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"os"
)

// Verify checks the X-Signature header as HMAC-SHA256(secret, body).
func Verify(r *http.Request) ([]byte, bool) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, false
	}
	// expect-not: CWE-328
	mac := hmac.New(sha256.New, []byte(os.Getenv("WEBHOOK_SECRET")))
	mac.Write(body)
	want, err := hex.DecodeString(r.Header.Get("X-Signature"))
	return body, err == nil && hmac.Equal(mac.Sum(nil), want)
}
