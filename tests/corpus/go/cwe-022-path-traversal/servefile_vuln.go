package docs

import (
	"net/http"
	"path/filepath"
)

// Manual serves pages of the product manual: /manual?page=install.html
func Manual(w http.ResponseWriter, r *http.Request) {
	page := r.URL.Query().Get("page")
	// expect: CWE-22
	http.ServeFile(w, r, filepath.Join("/usr/share/acme/manual", page))
}
