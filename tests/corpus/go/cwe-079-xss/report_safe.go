package reports

import (
	"html/template"
	"net/http"
)

// html/template escapes every {{.}} contextually.
var summary = template.Must(template.New("s").Parse(
	`<html><body><h1>Report for {{.Customer}}</h1><p>{{.Note}}</p></body></html>`))

func Summary(w http.ResponseWriter, r *http.Request) {
	data := map[string]string{
		"Customer": r.URL.Query().Get("customer"),
		"Note":     r.URL.Query().Get("note"),
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// expect-not: CWE-79
	summary.Execute(w, data)
}
