package web

import (
	"html/template"
	"net/http"
)

// Search echoes the query into a results page, escaped for an HTML attribute.
func Search(w http.ResponseWriter, r *http.Request) {
	q := template.HTMLEscapeString(r.FormValue("q"))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	body := "<form><input name=q value=\"" + q + "\"></form><p>No results.</p>"
	// expect-not: CWE-79
	w.Write([]byte(body))
}
