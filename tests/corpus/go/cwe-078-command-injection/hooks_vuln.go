package deploy

import (
	"encoding/json"
	"net/http"
	"os/exec"
)

type deployRequest struct {
	Service string `json:"service"`
	Tag     string `json:"tag"`
}

// DeployHook is called by the CI system to roll out a new image tag.
func DeployHook(w http.ResponseWriter, r *http.Request) {
	var req deployRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad json", http.StatusBadRequest)
		return
	}
	image := "registry.acme.internal/" + req.Service + ":" + req.Tag
	// expect: CWE-78
	out, err := exec.Command("bash", "-c", "kubectl set image deployment/"+req.Service+" app="+image).CombinedOutput()
	if err != nil {
		http.Error(w, string(out), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
