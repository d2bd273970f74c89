package api

import (
	"database/sql"
	"encoding/json"
	"net/http"
)

type Product struct {
	SKU   string  `json:"sku"`
	Name  string  `json:"name"`
	Price float64 `json:"price"`
}

type ProductsHandler struct {
	DB *sql.DB
}

func (h *ProductsHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	category := r.URL.Query().Get("category")
	order := r.URL.Query().Get("order")
	q := "SELECT sku, name, price FROM products WHERE category = '" + category + "'"
	if order != "" {
		q += " ORDER BY " + order
	}
	// expect: CWE-89
	rows, err := h.DB.Query(q)
	if err != nil {
		http.Error(w, "query failed", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	var out []Product
	for rows.Next() {
		var p Product
		if err := rows.Scan(&p.SKU, &p.Name, &p.Price); err != nil {
			http.Error(w, "scan failed", http.StatusInternalServerError)
			return
		}
		out = append(out, p)
	}
	json.NewEncoder(w).Encode(out)
}
