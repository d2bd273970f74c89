package auth

import (
	"log"
	"net/http"
)

func (h *Handler) Login(w http.ResponseWriter, r *http.Request) {
	user := r.PostFormValue("username")
	if !h.check(user, r.PostFormValue("password")) {
		// expect: CWE-117
		log.Printf("login failed user=%s ip=%s", user, r.RemoteAddr)
		http.Error(w, "invalid credentials", http.StatusUnauthorized)
		return
	}
	h.startSession(w, user)
}
