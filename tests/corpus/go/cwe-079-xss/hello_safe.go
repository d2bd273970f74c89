package web

import (
	"fmt"
	"html"
	"net/http"
)

// Hello greets the visitor by name: /hello?name=Ada
func Hello(w http.ResponseWriter, r *http.Request) {
	name := html.EscapeString(r.URL.Query().Get("name"))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// expect-not: CWE-79
	fmt.Fprintf(w, "<html><body><h1>Hello, %s!</h1></body></html>", name)
}
