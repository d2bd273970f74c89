package config

import (
	"database/sql"
	"fmt"
	"os"

	_ "github.com/go-sql-driver/mysql"
)

// OpenOrders opens the orders database with credentials from the environment.
func OpenOrders() (*sql.DB, error) {
	user, pass := os.Getenv("ORDERS_DB_USER"), os.Getenv("ORDERS_DB_PASSWORD")
	if pass == "" {
		return nil, fmt.Errorf("ORDERS_DB_PASSWORD not set")
	}
	dsn := fmt.Sprintf("%s:%s@tcp(orders-db.prod:3306)/orders?parseTime=true", user, pass)
	// expect-not: CWE-798
	return sql.Open("mysql", dsn)
}
