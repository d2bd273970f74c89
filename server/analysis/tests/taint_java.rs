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

fn xss_lines(code: &str) -> Vec<usize> {
    let doc = Document::new(Some(Language::Java), code.to_owned());
    engine()
        .analyze_document(&doc)
        .iter()
        .filter(|f| f.rule_id == "java.xss")
        .map(|f| code[..f.range.start].lines().count())
        .collect()
}

const ECHO: &str = r#"
public class Echo extends HttpServlet {
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getParameter("path");
        String mode = "plain";
        if ("html".equals(mode)) {
            resp.getWriter().write("<pre>" + path + "</pre>");
        }
        resp.getWriter().write("No page at " + path.replaceAll("[<>\"'&]", "_"));
    }
}
"#;

#[test]
fn equals_on_constants_folds_and_replacing_markup_characters_escapes() {
    assert_eq!(xss_lines(ECHO), Vec::<usize>::new());
    // A live branch is reported.
    assert_eq!(
        xss_lines(&ECHO.replace("String mode = \"plain\";", "String mode = \"html\";")),
        vec![7]
    );
    // Replacing line breaks is not escaping markup.
    assert_eq!(
        xss_lines(&ECHO.replace("[<>\\\"'&]", "[\\\\r\\\\n]")),
        vec![9]
    );
}

const AUDIT: &str = r#"
public class LoginAudit extends HttpFilter {
    private static final Logger AUDIT = LoggerFactory.getLogger("audit");

    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain) {
        String user = oneLine(req.getParameter("username"));
        AUDIT.warn("failed login for " + user + " from " + req.getRemoteAddr());
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "-";
        }
        return s.replaceAll("[\\r\\n]", "_");
    }
}
"#;

#[test]
fn a_class_helper_with_constant_guards_is_followed() {
    let log_flagged = |code: &str| {
        let doc = Document::new(Some(Language::Java), code.to_owned());
        engine()
            .analyze_document(&doc)
            .iter()
            .any(|f| f.rule_id == "java.log-injection")
    };
    assert!(!log_flagged(AUDIT));
    // A guard that returns something else than a constant is not a guard.
    assert!(log_flagged(
        &AUDIT.replace("return \"-\";", "return s + \"!\";")
    ));
    // Without the neutralising replace, the parameter reaches the log.
    assert!(log_flagged(
        &AUDIT.replace("s.replaceAll(\"[\\\\r\\\\n]\", \"_\")", "s.trim()")
    ));
}
