package catalog

import (
	"net/http"
	"strconv"
)

// List returns one page of products; page size comes from ?limit=.
func (h *Handler) List(w http.ResponseWriter, r *http.Request) {
	limit, err := strconv.Atoi(r.URL.Query().Get("limit"))
	if err != nil || limit <= 0 {
		limit = 50
	}
	// expect: CWE-190
	products, err := h.repo.Page(r.Context(), int32(limit))
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	writeJSON(w, products)
}
