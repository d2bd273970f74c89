package chat

import (
	"io"
	"net/http"
	"regexp"
	"time"
)

var titleRe = regexp.MustCompile(`(?is)<title>(.*?)</title>`)

var client = &http.Client{Timeout: 5 * time.Second}

// Unfurl fetches a pasted link and returns its page title for the preview card.
func Unfurl(w http.ResponseWriter, r *http.Request) {
	link := r.FormValue("url")
	// expect: CWE-918
	resp, err := client.Get(link)
	if err != nil {
		http.Error(w, "fetch failed", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if m := titleRe.FindSubmatch(body); m != nil {
		w.Write(m[1])
	}
}
