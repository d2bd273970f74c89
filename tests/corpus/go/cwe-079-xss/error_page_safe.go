package web

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// NotFound is the fallback handler for the JSON API.
func NotFound(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusNotFound)
	// expect-not: CWE-79
	json.NewEncoder(w).Encode(map[string]string{"error": "not found", "path": r.URL.Path})
}

// Count writes a number; an int cannot carry markup.
func Count(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.URL.Query().Get("n"))
	if err != nil {
		n = 0
	}
	w.Header().Set("Content-Type", "text/html")
	// expect-not: CWE-79
	w.Write([]byte("<span class=\"count\">" + strconv.Itoa(n) + "</span>"))
}
