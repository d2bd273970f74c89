package jobs

import (
	"bytes"
	"encoding/json"
	"net/http"
)

type submitRequest struct {
	Input       string `json:"input"`
	CallbackURL string `json:"callback_url"`
}

// Submit accepts a job and posts the result to the caller's callback URL when done.
func Submit(w http.ResponseWriter, r *http.Request) {
	var req submitRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad json", http.StatusBadRequest)
		return
	}
	result, _ := json.Marshal(map[string]int{"length": len(req.Input)})
	// expect: CWE-918
	resp, err := http.Post(req.CallbackURL, "application/json", bytes.NewReader(result))
	if err == nil {
		resp.Body.Close()
	}
	w.WriteHeader(http.StatusAccepted)
}
