package prefs

import (
	"net/http"
	"net/url"
	"strings"
)

// SetLanguage stores the language preference and sends the user back to the same page path.
func SetLanguage(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: r.FormValue("lang"), Path: "/", Secure: true})
	back := "/"
	ref, err := url.Parse(r.Header.Get("Referer"))
	// Only the path of a same-host referer is kept; scheme and host are dropped, and
	// protocol-relative ("//x") or backslash paths are refused.
	if err == nil && ref.Host == r.Host && strings.HasPrefix(ref.Path, "/") &&
		!strings.HasPrefix(ref.Path, "//") && !strings.Contains(ref.Path, `\`) {
		back = ref.Path
	}
	// expect-not: CWE-601
	http.Redirect(w, r, back, http.StatusFound)
}
