package diagnostics

import (
	"context"
	"net/http"
	"os/exec"
	"time"
)

// PingHandler lets operators check reachability of a host from the edge node.
func PingHandler(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Query().Get("host")
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	// expect: CWE-78
	cmd := exec.CommandContext(ctx, "sh", "-c", "ping -c 3 "+host)
	out, err := cmd.CombinedOutput()
	if err != nil {
		http.Error(w, "ping failed: "+err.Error(), http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write(out)
}
