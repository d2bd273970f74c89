package prefs

import "net/http"

// SetLanguage stores the language preference and sends the user back where they came from.
func SetLanguage(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: r.FormValue("lang"), Path: "/", Secure: true})
	back := r.FormValue("back")
	if back == "" {
		back = r.Header.Get("Referer")
	}
	// expect: CWE-601
	http.Redirect(w, r, back, http.StatusFound)
}
