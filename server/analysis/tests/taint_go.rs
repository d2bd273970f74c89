//! The taint walker on Go, through the real engine and the built-in constitutions.

use std::sync::{Arc, OnceLock};

use bluecode_analysis::Engine;
use bluecode_analysis::constitutions::ConstitutionSet;
use bluecode_analysis::syntax::{Document, Language};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        Engine::new(Arc::new(
            ConstitutionSet::builtin().expect("built-ins load"),
        ))
    })
}

fn sql_flagged(code: &str) -> bool {
    let doc = Document::new(Some(Language::Go), code.to_owned());
    engine()
        .analyze_document(&doc)
        .iter()
        .any(|f| f.rule_id == "go.sql-injection")
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
    // A value that is not a literal is not a constant.
    let computed = SORTED.replace("\"price DESC\",", "defaultOrder(),");
    assert!(sql_flagged(&computed));
    // Without the table, the request value reaches the query.
    let direct = SORTED.replace(
        "sortColumns[r.URL.Query().Get(\"sort\")]",
        "r.URL.Query().Get(\"sort\"), true",
    );
    assert!(sql_flagged(&direct));
}
