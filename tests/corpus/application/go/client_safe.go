package feeds

import (
	"context"
	"net/http"

	"github.com/go-resty/resty/v2"
)

type Upstream struct {
	request *resty.Client
}

// Fetch calls the upstream API with a path the handler chose from a fixed set.
func (u *Upstream) Fetch(ctx context.Context, w http.ResponseWriter, r *http.Request) {
	feed := r.URL.Query().Get("feed")
	// expect-not: CWE-89
	resp, err := u.request.R().SetContext(ctx).Get("/v1/feeds/" + feed)
	if err != nil {
		http.Error(w, "upstream", http.StatusBadGateway)
		return
	}
	w.Write(resp.Body())
}
