package prefs

import (
	"net/http"
	"net/url"
)

// SetLanguage stores the language preference and sends the user back to the same page path.
func SetLanguage(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: r.FormValue("lang"), Path: "/", Secure: true})
	back := "/"
	if ref, err := url.Parse(r.Header.Get("Referer")); err == nil && ref.Host == r.Host {
		// Only the path of a same-host referer is kept; scheme and host are dropped.
		back = "/" + ref.EscapedPath()[1:]
	}
	// expect-not: CWE-601
	http.Redirect(w, r, back, http.StatusFound)
}
