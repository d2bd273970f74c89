package admin

import (
	"crypto/subtle"
	"net/http"
)

// RequireAdmin protects the /admin routes with HTTP basic auth.
func RequireAdmin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, pass, ok := r.BasicAuth()
		// expect: CWE-798
		if !ok || user != "admin" || subtle.ConstantTimeCompare([]byte(pass), []byte("ch4ng3m3-n0w!")) != 1 {
			w.Header().Set("WWW-Authenticate", `Basic realm="admin"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}
