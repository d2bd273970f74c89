package auth

import (
	"net/http"
)

type Sessions interface {
	Authenticate(user, pass string) (string, bool)
}

type LoginHandler struct {
	Sessions Sessions
}

func (h *LoginHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	token, ok := h.Sessions.Authenticate(r.PostFormValue("user"), r.PostFormValue("password"))
	if !ok {
		// expect-not: CWE-601
		http.Redirect(w, r, "/login?error=1", http.StatusSeeOther)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: "sid", Value: token, Secure: true, HttpOnly: true, Path: "/"})
	next := r.URL.Query().Get("next")
	if next == "" {
		next = "/"
	}
	// expect: CWE-601
	http.Redirect(w, r, next, http.StatusSeeOther)
}
