package admin

import (
	"net/http"
	"os/exec"
	"strings"
)

// RunTool runs a maintenance tool chosen in the admin UI: POST tool=df&args=-h
func RunTool(w http.ResponseWriter, r *http.Request) {
	tool := r.PostFormValue("tool")
	args := strings.Fields(r.PostFormValue("args"))
	// expect: CWE-78
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(out)
}
