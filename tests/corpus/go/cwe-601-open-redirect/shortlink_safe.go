package links

import (
	"net/http"
	"net/url"
)

var partnerHosts = map[string]bool{
	"partner.example":       true,
	"deals.partner.example": true,
	"shop.acme.example":     true,
}

// Out records a click and forwards the visitor: /out?u=https://partner.example/deal
func Out(w http.ResponseWriter, r *http.Request) {
	u, err := url.Parse(r.URL.Query().Get("u"))
	if err != nil || u.Scheme != "https" || !partnerHosts[u.Hostname()] {
		http.Error(w, "bad link", http.StatusBadRequest)
		return
	}
	recordClick(u.String())
	w.Header().Set("Cache-Control", "no-store")
	// expect-not: CWE-601
	http.Redirect(w, r, u.String(), http.StatusFound)
}

func recordClick(string) {}
