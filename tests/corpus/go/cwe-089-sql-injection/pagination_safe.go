package api

import (
	"database/sql"
	"fmt"
	"net/http"
	"strconv"
)

type EventsHandler struct{ DB *sql.DB }

// ServeHTTP lists audit events: /events?actor=alice&limit=50
func (h *EventsHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	actor := r.URL.Query().Get("actor")
	limit, err := strconv.Atoi(r.URL.Query().Get("limit"))
	if err != nil || limit <= 0 || limit > 500 {
		limit = 50
	}
	// limit is an int formatted with %d; actor is bound as $1.
	q := fmt.Sprintf("SELECT id, action FROM events WHERE actor = $1 ORDER BY id DESC LIMIT %d", limit)
	// expect-not: CWE-89
	rows, err := h.DB.QueryContext(r.Context(), q, actor)
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
