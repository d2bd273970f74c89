package gateway

import (
	"io"
	"net/http"
)

// exporters is generated from the inventory at deploy time.
var exporters = map[string]string{
	"node-1": "http://10.0.4.11:9100/metrics",
	"node-2": "http://10.0.4.12:9100/metrics",
	"db-1":   "http://10.0.8.21:9187/metrics",
}

// MetricsProxy forwards to one of the known exporters: GET /proxy/metrics?target=node-1
func MetricsProxy(w http.ResponseWriter, r *http.Request) {
	url, ok := exporters[r.URL.Query().Get("target")]
	if !ok {
		http.Error(w, "unknown target", http.StatusNotFound)
		return
	}
	// expect-not: CWE-918
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, url, nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
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
