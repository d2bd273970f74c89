// Command tenantctl manages per-tenant schemas.
package main

import (
	"database/sql"
	"log"
	"os"

	"github.com/lib/pq"
)

func main() {
	if len(os.Args) < 3 || os.Args[1] != "drop" {
		log.Fatal("usage: tenantctl drop TENANT")
	}
	tenant := os.Args[2]
	db, err := sql.Open("postgres", os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	// Identifiers cannot be bound, so the schema name is quoted as an identifier.
	schema := pq.QuoteIdentifier("tenant_" + tenant)
	// expect-not: CWE-89
	if _, err := db.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
		log.Fatal(err)
	}
	// expect-not: CWE-89
	if _, err := db.Exec("DELETE FROM tenants WHERE slug = $1", tenant); err != nil {
		log.Fatal(err)
	}
}
