//! The taint walker on Java, through the real engine and the built-in constitutions.

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
    let doc = Document::new(Some(Language::Java), code.to_owned());
    engine()
        .analyze_document(&doc)
        .iter()
        .any(|f| f.rule_id == "java.sql-injection")
}

const REPORT: &str = r#"
import java.sql.*;
import javax.servlet.http.HttpServletRequest;

public class Report {
    private Connection connection;

    private static String orderClause(String sort) {
        switch (sort) {
            case "amount": return " ORDER BY amount DESC";
            case "date": return " ORDER BY booked_at";
            default: return "";
        }
    }

    public ResultSet run(HttpServletRequest request) throws SQLException {
        String sql = "SELECT id FROM bookings" + orderClause(request.getParameter("sort"));
        return connection.createStatement().executeQuery(sql);
    }
}
"#;

#[test]
fn a_method_of_the_class_that_returns_only_literals_maps_input_to_constants() {
    assert!(!sql_flagged(REPORT));
    // A branch that returns its input carries it.
    assert!(sql_flagged(&REPORT.replace(
        "default: return \"\";",
        "default: return \" ORDER BY \" + sort;"
    )));
    // Overloads: which one runs depends on the argument types, so neither is trusted.
    assert!(sql_flagged(&REPORT.replace(
        "    public ResultSet run",
        "    private static String orderClause(Object sort) { return sort.toString(); }\n\n    public ResultSet run"
    )));
}
