package files

import (
	"net/http"
	"os"
	"path/filepath"
)

const uploadRoot = "/var/lib/acme/uploads"

// Download serves a previously uploaded attachment: GET /attachments?name=report.pdf
func Download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	path := filepath.Join(uploadRoot, name)
	// expect: CWE-22
	data, err := os.ReadFile(path)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Disposition", "attachment")
	w.Write(data)
}
