package config

import (
	"database/sql"

	_ "github.com/go-sql-driver/mysql"
)

// OpenOrders opens the orders database.
func OpenOrders() (*sql.DB, error) {
	// expect: CWE-798
	return sql.Open("mysql", "orders_svc:Tr0ub4dor&3@tcp(orders-db.prod:3306)/orders?parseTime=true")
}
