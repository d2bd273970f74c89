package web

import (
	"io"
	"net/http"
)

// NotFound is the fallback handler; it echoes the missing path for the user.
func NotFound(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(http.StatusNotFound)
	// expect: CWE-79
	io.WriteString(w, "<p>Nothing at <code>"+r.URL.Query().Get("path")+"</code></p>")
	// expect: CWE-79
	w.Write([]byte("<p>Referrer: " + r.Referer() + "</p>"))
}
