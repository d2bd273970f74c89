package admin

import (
	"net/http"
	"os/exec"
)

// tools maps the names shown in the admin UI to complete, fixed command lines.
var tools = map[string][]string{
	"disk":   {"df", "-h"},
	"memory": {"free", "-m"},
	"uptime": {"uptime"},
}

// RunTool runs a maintenance tool chosen in the admin UI: POST tool=disk
func RunTool(w http.ResponseWriter, r *http.Request) {
	argv, ok := tools[r.PostFormValue("tool")]
	if !ok {
		http.Error(w, "unknown tool", http.StatusBadRequest)
		return
	}
	// expect-not: CWE-78
	out, err := exec.Command(argv[0], argv[1:]...).CombinedOutput()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write(out)
}
