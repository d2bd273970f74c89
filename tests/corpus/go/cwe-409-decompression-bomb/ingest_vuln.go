package telemetry

import (
	"compress/gzip"
	"io"
	"net/http"
	"os"
)

// Ingest receives gzip-compressed metric batches from agents.
func Ingest(w http.ResponseWriter, r *http.Request) {
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		http.Error(w, "bad gzip", http.StatusBadRequest)
		return
	}
	defer zr.Close()
	f, err := os.CreateTemp("/var/spool/metrics", "batch-*.json")
	if err != nil {
		http.Error(w, "spool full", http.StatusServiceUnavailable)
		return
	}
	defer f.Close()
	// expect: CWE-409
	if _, err := io.Copy(f, zr); err != nil {
		http.Error(w, "write failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
