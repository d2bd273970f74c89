package jobs

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
)

type submitRequest struct {
	Input string `json:"input"`
}

// Submit accepts a job and posts the result to the callback URL registered for the API key
// at onboarding; the request body cannot change the destination.
func Submit(w http.ResponseWriter, r *http.Request) {
	var req submitRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad json", http.StatusBadRequest)
		return
	}
	callback := os.Getenv("RESULTS_CALLBACK_URL")
	result, _ := json.Marshal(map[string]int{"length": len(req.Input)})
	// expect-not: CWE-918
	resp, err := http.Post(callback, "application/json", bytes.NewReader(result))
	if err == nil {
		resp.Body.Close()
	}
	w.WriteHeader(http.StatusAccepted)
}
