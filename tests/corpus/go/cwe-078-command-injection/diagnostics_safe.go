package diagnostics

import (
	"context"
	"net"
	"net/http"
	"os/exec"
	"time"
)

// PingHandler lets operators check reachability of a host from the edge node.
// The host must parse as an IP address and is passed as its own argv element.
func PingHandler(w http.ResponseWriter, r *http.Request) {
	host := r.URL.Query().Get("host")
	ip := net.ParseIP(host)
	if ip == nil {
		http.Error(w, "host must be an IP address", http.StatusBadRequest)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	// expect-not: CWE-78
	cmd := exec.CommandContext(ctx, "ping", "-c", "3", "--", ip.String())
	out, err := cmd.CombinedOutput()
	if err != nil {
		http.Error(w, "ping failed", http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write(out)
}
