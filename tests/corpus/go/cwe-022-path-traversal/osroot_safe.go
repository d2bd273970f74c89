package tenantfs

import (
	"io"
	"net/http"
	"os"
)

// ReadAsset opens a tenant asset through os.Root, which refuses paths that escape the
// directory (including via "..", absolute paths and symlinks).
func ReadAsset(w http.ResponseWriter, r *http.Request, tenantDir string) {
	root, err := os.OpenRoot(tenantDir)
	if err != nil {
		http.Error(w, "no tenant", http.StatusNotFound)
		return
	}
	defer root.Close()
	// expect-not: CWE-22
	f, err := root.Open(r.URL.Query().Get("asset"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	io.Copy(w, f)
}
