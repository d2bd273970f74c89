package web

import (
	"fmt"
	"net/http"
)

// Hello greets the visitor by name: /hello?name=Ada
func Hello(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// expect: CWE-79
	fmt.Fprintf(w, "<html><body><h1>Hello, %s!</h1></body></html>", name)
}
