//! The taint walker on Java, through the real engine and the built-in constitutions.

use bluecode_analysis::syntax::Language;

mod common;
use common::findings_of;

fn sql_flagged(code: &str) -> bool {
    !findings_of(Language::Java, "java.sql-injection", code).is_empty()
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
    findings_of(Language::Java, "java.xss", code)
        .iter()
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
    let log_flagged =
        |code: &str| !findings_of(Language::Java, "java.log-injection", code).is_empty();
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

#[test]
fn an_allow_list_guard_sees_through_a_method_that_returns_its_parameter() {
    let code = |guard: &str| {
        format!(
            r#"
import java.sql.*;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;

public class Orders {{
    private static final Set<String> SORTABLE = Set.of("created", "total");
    private Connection connection;

    private static String pass(String value) {{ return value; }}
    private static String trimmed(String value) {{ return value.trim(); }}

    public ResultSet list(HttpServletRequest request) throws SQLException {{
        String sort = request.getParameter("sort");
        if (!SORTABLE.contains({guard}(sort))) {{
            throw new IllegalArgumentException("bad sort");
        }}
        return connection.createStatement().executeQuery("SELECT id FROM orders ORDER BY " + sort);
    }}
}}
"#
        )
    };
    assert!(!sql_flagged(&code("pass")));
    assert!(sql_flagged(&code("trimmed")));
}
