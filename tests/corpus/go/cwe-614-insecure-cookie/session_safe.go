package auth

import (
	"net/http"
	"time"
)

// IssueSession sets the session cookie after a successful login.
func (s *Server) IssueSession(w http.ResponseWriter, userID string) error {
	sid, err := s.store.Create(userID, 12*time.Hour)
	if err != nil {
		return err
	}
	// expect-not: CWE-614
	http.SetCookie(w, &http.Cookie{
		Name:     "sid",
		Value:    sid,
		Path:     "/",
		Secure:   true,
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
		MaxAge:   12 * 3600,
	})
	// A UI preference: no identity, readable by scripts on purpose.
	// expect-not: CWE-614
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: "en", Path: "/"})
	return nil
}
