package api

import (
	"database/sql"
	"fmt"
	"net/http"
)

type EventsHandler struct{ DB *sql.DB }

// ServeHTTP lists audit events: /events?actor=alice&limit=50
func (h *EventsHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	actor := r.URL.Query().Get("actor")
	limit := r.URL.Query().Get("limit")
	q := fmt.Sprintf("SELECT id, action FROM events WHERE actor = '%s' ORDER BY id DESC LIMIT %s", actor, limit)
	// expect: CWE-89
	rows, err := h.DB.QueryContext(r.Context(), q)
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var action string
		rows.Scan(&id, &action)
		fmt.Fprintf(w, "%d\t%q\n", id, action)
	}
}
