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

var orderColumns = map[string]string{
	"price":  "price",
	"-price": "price DESC",
	"name":   "name",
}

func (h *ProductsHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	category := r.URL.Query().Get("category")
	q := "SELECT sku, name, price FROM products WHERE category = ?"
	if col, ok := orderColumns[r.URL.Query().Get("order")]; ok {
		q += " ORDER BY " + col
	}
	// expect-not: CWE-89
	rows, err := h.DB.Query(q, category)
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
