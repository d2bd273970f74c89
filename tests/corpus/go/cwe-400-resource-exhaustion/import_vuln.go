package importer

import (
	"encoding/csv"
	"bytes"
	"io"
	"net/http"
)

// Upload accepts a CSV of contacts and queues it for import.
func (h *Handler) Upload(w http.ResponseWriter, r *http.Request) {
	defer r.Body.Close()
	// expect: CWE-400
	data, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "read failed", http.StatusBadRequest)
		return
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		http.Error(w, "bad csv", http.StatusBadRequest)
		return
	}
	h.queue.Push(rows)
	w.WriteHeader(http.StatusAccepted)
}
