package web

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed assets
var assets embed.FS

// Static serves the embedded assets; http.FS and fs.Sub confine lookups to the embedded tree.
func Static() http.Handler {
	sub, err := fs.Sub(assets, "assets")
	if err != nil {
		panic(err)
	}
	// expect-not: CWE-22
	return http.StripPrefix("/static/", http.FileServer(http.FS(sub)))
}
