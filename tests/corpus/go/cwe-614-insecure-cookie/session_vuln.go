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
	// expect: CWE-614
	http.SetCookie(w, &http.Cookie{
		Name:     "sid",
		Value:    sid,
		Path:     "/",
		HttpOnly: true,
		MaxAge:   12 * 3600,
	})
	return nil
}
