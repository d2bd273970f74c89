//! The taint walker on Go, through the real engine and the built-in constitutions.

use bluecode_analysis::syntax::Language;

mod common;
use common::findings_of;

fn sql_flagged(code: &str) -> bool {
    !findings_of(Language::Go, "go.sql-injection", code).is_empty()
}

const SORTED: &str = r#"package shop

import (
	"database/sql"
	"net/http"
)

var sortColumns = map[string]string{
	"price":  "price",
	"-price": "price DESC",
}

func list(db *sql.DB, w http.ResponseWriter, r *http.Request) {
	q := "SELECT sku FROM products"
	if col, ok := sortColumns[r.URL.Query().Get("sort")]; ok {
		q += " ORDER BY " + col
	}
	db.Query(q)
}
"#;

#[test]
fn a_package_map_of_literals_is_an_allow_list() {
    assert!(!sql_flagged(SORTED));
    // A map the file writes into can hold what was written.
    let written = SORTED.replace(
        "\tq := \"SELECT",
        "\tsortColumns[\"x\"] = r.URL.Query().Get(\"raw\")\n\tq := \"SELECT",
    );
    assert!(sql_flagged(&written));
    // A value the application computed is its own data, not the key's: the request only
    // picks the entry (a lookup in a container no source filled is clean).
    let computed = SORTED.replace("\"price DESC\",", "defaultOrder(),");
    assert!(!sql_flagged(&computed));
    // Without the table, the request value reaches the query.
    let direct = SORTED.replace(
        "sortColumns[r.URL.Query().Get(\"sort\")]",
        "r.URL.Query().Get(\"sort\"), true",
    );
    assert!(sql_flagged(&direct));
}
