package telemetry

import (
	"compress/gzip"
	"io"
	"net/http"
	"os"
)

const maxBatch = 32 << 20

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
	// expect-not: CWE-409
	n, err := io.Copy(f, io.LimitReader(zr, maxBatch+1))
	if err != nil || n > maxBatch {
		os.Remove(f.Name())
		http.Error(w, "batch too large", http.StatusRequestEntityTooLarge)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
