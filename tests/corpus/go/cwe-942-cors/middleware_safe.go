package api

import "net/http"

var trustedOrigins = map[string]bool{
	"https://app.acme.example":   true,
	"https://admin.acme.example": true,
}

// WithCORS lets the single-page app call the API with its session cookie.
func WithCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if !trustedOrigins[origin] {
			next.ServeHTTP(w, r)
			return
		}
		// expect-not: CWE-942
		w.Header().Set("Access-Control-Allow-Origin", origin)
		w.Header().Set("Access-Control-Allow-Credentials", "true")
		w.Header().Add("Vary", "Origin")
		next.ServeHTTP(w, r)
	})
}
