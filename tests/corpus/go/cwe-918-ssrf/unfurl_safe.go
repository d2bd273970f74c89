package chat

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"regexp"
	"syscall"
	"time"
)

var titleRe = regexp.MustCompile(`(?is)<title>(.*?)</title>`)

// client refuses to connect to loopback, private, link-local and unspecified addresses,
// checked on the resolved IP at dial time so DNS rebinding and redirects are covered too.
var client = &http.Client{
	Timeout: 5 * time.Second,
	Transport: &http.Transport{
		DialContext: (&net.Dialer{
			Timeout: 3 * time.Second,
			Control: func(network, address string, _ syscall.RawConn) error {
				host, _, err := net.SplitHostPort(address)
				if err != nil {
					return err
				}
				ip := net.ParseIP(host)
				if ip == nil || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() ||
					ip.IsLinkLocalMulticast() || ip.IsUnspecified() {
					return errors.New("destination not allowed")
				}
				return nil
			},
		}).DialContext,
	},
}

// Unfurl fetches a pasted link and returns its page title for the preview card.
func Unfurl(w http.ResponseWriter, r *http.Request) {
	link := r.FormValue("url")
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, link, nil)
	if err != nil || (req.URL.Scheme != "http" && req.URL.Scheme != "https") {
		http.Error(w, "bad url", http.StatusBadRequest)
		return
	}
	// expect-not: CWE-918
	resp, err := client.Do(req)
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
