package admin

import (
	"net/http"
	"os"

	"golang.org/x/crypto/bcrypt"
)

// RequireAdmin protects the /admin routes with HTTP basic auth; the bcrypt hash of the
// admin password is provisioned through the environment.
func RequireAdmin(next http.Handler) http.Handler {
	hash := []byte(os.Getenv("ADMIN_PASSWORD_BCRYPT"))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, pass, ok := r.BasicAuth()
		// expect-not: CWE-798
		if !ok || user != "admin" || bcrypt.CompareHashAndPassword(hash, []byte(pass)) != nil {
			w.Header().Set("WWW-Authenticate", `Basic realm="admin"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}
