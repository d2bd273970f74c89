package files

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

const uploadRoot = "/var/lib/acme/uploads"

// Download serves a previously uploaded attachment: GET /attachments?name=report.pdf
func Download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	path := filepath.Join(uploadRoot, filepath.Clean("/"+name))
	if !strings.HasPrefix(path, uploadRoot+string(os.PathSeparator)) {
		http.Error(w, "invalid name", http.StatusBadRequest)
		return
	}
	// expect-not: CWE-22
	data, err := os.ReadFile(path)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Disposition", "attachment")
	w.Write(data)
}
