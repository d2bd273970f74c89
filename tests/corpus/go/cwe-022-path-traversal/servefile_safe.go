package docs

import (
	"net/http"
	"path/filepath"
)

// Manual serves pages of the product manual: /manual?page=install.html
func Manual(w http.ResponseWriter, r *http.Request) {
	// filepath.Base drops every directory component, so only files directly in the
	// manual directory can be named.
	page := filepath.Base(r.URL.Query().Get("page"))
	if page == "." || page == "/" || page == ".." {
		http.NotFound(w, r)
		return
	}
	// expect-not: CWE-22
	http.ServeFile(w, r, filepath.Join("/usr/share/acme/manual", page))
}
