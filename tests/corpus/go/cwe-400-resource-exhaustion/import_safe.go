package importer

import (
	"encoding/csv"
	"bytes"
	"io"
	"net/http"
)

const maxUpload = 5 << 20

// Upload accepts a CSV of contacts and queues it for import.
func (h *Handler) Upload(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	defer r.Body.Close()
	// expect-not: CWE-400
	data, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "upload too large", http.StatusRequestEntityTooLarge)
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
