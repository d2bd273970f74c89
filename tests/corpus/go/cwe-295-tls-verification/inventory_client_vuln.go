package inventory

import (
	"crypto/tls"
	"net/http"
	"time"
)

// NewClient talks to the warehouse API; the warehouse uses a self-signed certificate.
func NewClient() *http.Client {
	tr := &http.Transport{
		// expect: CWE-295
		TLSClientConfig:     &tls.Config{InsecureSkipVerify: true},
		MaxIdleConnsPerHost: 16,
	}
	return &http.Client{Transport: tr, Timeout: 15 * time.Second}
}
