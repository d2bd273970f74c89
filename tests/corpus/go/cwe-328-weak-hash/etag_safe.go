package cache

import (
	"crypto/md5"
	"encoding/hex"
	"net/http"
)

// WithETag computes a content ETag for static JSON; MD5 is only a cache key here.
func WithETag(body []byte, w http.ResponseWriter, r *http.Request) {
	// expect-not: CWE-328
	sum := md5.Sum(body)
	etag := `"` + hex.EncodeToString(sum[:]) + `"`
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	w.Write(body)
}
