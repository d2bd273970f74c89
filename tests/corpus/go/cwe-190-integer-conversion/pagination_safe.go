package catalog

import (
	"net/http"
	"strconv"
)

// List returns one page of products; page size comes from ?limit=.
func (h *Handler) List(w http.ResponseWriter, r *http.Request) {
	// Parsed as 32 bits: out-of-range values are an error, not a wrapped number.
	limit, err := strconv.ParseInt(r.URL.Query().Get("limit"), 10, 32)
	if err != nil || limit <= 0 || limit > 500 {
		limit = 50
	}
	// expect-not: CWE-190
	products, err := h.repo.Page(r.Context(), int32(limit))
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	writeJSON(w, products)
}
