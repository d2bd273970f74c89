package links

import (
	"net/http"
	"strings"
)

// Out records a click and forwards the visitor: /out?u=https://partner.example/deal
func Out(w http.ResponseWriter, r *http.Request) {
	dest := r.URL.Query().Get("u")
	if !strings.HasPrefix(dest, "http") {
		http.Error(w, "bad link", http.StatusBadRequest)
		return
	}
	recordClick(dest)
	w.Header().Set("Cache-Control", "no-store")
	// expect: CWE-601
	w.Header().Set("Location", dest)
	w.WriteHeader(http.StatusFound)
}

func recordClick(string) {}
