package webhooks

import (
	"crypto/sha1"
	"encoding/hex"
	"io"
	"net/http"
)

// expect: CWE-798
const sharedSecret = "wh_5f1c9a7e2b8d4036"

// Verify checks the X-Signature header as sha1(secret || body).
func Verify(r *http.Request) ([]byte, bool) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, false
	}
	// expect: CWE-328
	h := sha1.New()
	h.Write([]byte(sharedSecret))
	h.Write(body)
	return body, hex.EncodeToString(h.Sum(nil)) == r.Header.Get("X-Signature")
}
