package gateway

import (
	"io"
	"net/http"
)

// MetricsProxy forwards to whichever exporter the dashboard asks for:
// GET /proxy/metrics?target=node-7.internal:9100
func MetricsProxy(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("target")
	// expect: CWE-918
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, "http://"+target+"/metrics", nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}
