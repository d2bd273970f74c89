package web

import (
	"net/http"
)

// Search echoes the query into a results page.
func Search(w http.ResponseWriter, r *http.Request) {
	q := r.FormValue("q")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	body := "<form><input name=q value=\"" + q + "\"></form><p>No results.</p>"
	// expect: CWE-79
	w.Write([]byte(body))
}
