// Package orders holds the order pages: request fields go to package ledger, which
// builds the queries and commands. The flows cross packages; the sinks are labelled in
// ledger/ledger.go.
package orders

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"strconv"

	"example.com/feeds/orders/ledger"
)

type Handlers struct {
	books *ledger.Ledger
}

var months = map[string]bool{"2024-01": true, "2024-02": true}

func (h *Handlers) Lookup(w http.ResponseWriter, r *http.Request) {
	entry, err := h.books.Lookup(r.URL.Query().Get("ref"))
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	json.NewEncoder(w).Encode(map[string]string{"entry": entry})
}

func (h *Handlers) Archive(w http.ResponseWriter, r *http.Request) {
	month := r.FormValue("month")
	if !months[month] {
		http.Error(w, "unknown month", http.StatusBadRequest)
		return
	}
	h.books.Archive(month)
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handlers) Page(w http.ResponseWriter, r *http.Request) {
	page, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil {
		http.Error(w, "bad page", http.StatusBadRequest)
		return
	}
	h.books.Page(strconv.Itoa(page * 50))
	w.WriteHeader(http.StatusOK)
}

func Export(w http.ResponseWriter, r *http.Request) {
	ledger.Export(r.FormValue("name"))
	w.WriteHeader(http.StatusAccepted)
}

// Statement opens the ledger itself: the method runs on what ledger.Open returned.
func Statement(w http.ResponseWriter, r *http.Request, db *sql.DB) {
	books, err := ledger.Open(db)
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	books.Statement(r.URL.Query().Get("account"))
	w.WriteHeader(http.StatusOK)
}
