package auth

import (
	"net/http"
	"net/url"
	"strings"
)

type Sessions interface {
	Authenticate(user, pass string) (string, bool)
}

type LoginHandler struct {
	Sessions Sessions
}

// localPath accepts only same-origin paths like "/orders/42?tab=items".
func localPath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil ||
		!strings.HasPrefix(u.Path, "/") || strings.HasPrefix(raw, "//") || strings.Contains(raw, "\\") {
		return "/"
	}
	return u.RequestURI()
}

func (h *LoginHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	token, ok := h.Sessions.Authenticate(r.PostFormValue("user"), r.PostFormValue("password"))
	if !ok {
		http.Redirect(w, r, "/login?error=1", http.StatusSeeOther)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: "sid", Value: token, Secure: true, HttpOnly: true, Path: "/"})
	next := localPath(r.URL.Query().Get("next"))
	// expect-not: CWE-601
	http.Redirect(w, r, next, http.StatusSeeOther)
}
