//! The Python canary harness against a real engine: each true vulnerability is confirmed
//! with the right sink kind, and its safe twin is not reproduced.

mod common;

use bluecode_sandbox::{SinkKind, Verdict};
use common::{docker_enabled, request, sandbox, verify};

async fn expect_confirmed(fixture: &str, function: &str, hint: Option<&str>, kind: SinkKind) {
    let report = verify(&sandbox(), &request("python", fixture, function, hint)).await;
    match &report.verdict {
        Verdict::Confirmed {
            kind: found,
            payload,
            call,
            ..
        } => {
            assert_eq!(*found, kind, "{report:?}");
            assert!(!payload.is_empty() && !call.is_empty(), "{report:?}");
        }
        other => panic!("{fixture}::{function}: expected confirmed {kind:?}, got {other:?}"),
    }
}

async fn expect_not_reproduced(fixture: &str, function: &str, hint: Option<&str>) {
    let report = verify(&sandbox(), &request("python", fixture, function, hint)).await;
    match &report.verdict {
        Verdict::NotReproduced { tried } => assert!(!tried.is_empty(), "{report:?}"),
        other => panic!("{fixture}::{function}: expected not_reproduced, got {other:?}"),
    }
}

macro_rules! docker_test {
    ($name:ident, $body:expr) => {
        #[tokio::test(flavor = "multi_thread")]
        async fn $name() {
            if !docker_enabled(stringify!($name)) {
                return;
            }
            $body.await;
        }
    };
}

docker_test!(
    command_injection_is_confirmed,
    expect_confirmed(
        "python/command_vuln.py",
        "ping",
        Some("CWE-78"),
        SinkKind::Command
    )
);
docker_test!(
    shlex_quote_is_not_reproduced,
    expect_not_reproduced("python/command_safe.py", "ping", Some("CWE-78"))
);
docker_test!(
    argv_list_is_not_reproduced,
    expect_not_reproduced("python/command_safe.py", "ping_argv", Some("CWE-78"))
);
docker_test!(
    sql_injection_through_a_connection_parameter_is_confirmed,
    expect_confirmed(
        "python/sql_vuln.py",
        "find_user",
        Some("CWE-89"),
        SinkKind::Sql
    )
);
docker_test!(
    sql_injection_in_a_numeric_context_is_confirmed,
    expect_confirmed("python/sql_vuln.py", "open_and_find", None, SinkKind::Sql)
);
docker_test!(
    parameterized_query_is_not_reproduced,
    expect_not_reproduced("python/sql_safe.py", "find_user", Some("CWE-89"))
);
docker_test!(
    parameterized_numeric_query_is_not_reproduced,
    expect_not_reproduced("python/sql_safe.py", "open_and_find", None)
);
docker_test!(
    eval_is_confirmed,
    expect_confirmed(
        "python/code_vuln.py",
        "calculate",
        Some("CWE-95"),
        SinkKind::Code
    )
);
docker_test!(
    exec_in_a_method_is_confirmed,
    expect_confirmed("python/code_vuln.py", "Rules.apply", None, SinkKind::Code)
);
docker_test!(
    literal_eval_is_not_reproduced,
    expect_not_reproduced("python/code_safe.py", "calculate", Some("CWE-95"))
);
docker_test!(
    path_traversal_is_confirmed,
    expect_confirmed(
        "python/path_vuln.py",
        "read_upload",
        Some("CWE-22"),
        SinkKind::Path
    )
);
docker_test!(
    basename_and_containment_is_not_reproduced,
    expect_not_reproduced("python/path_safe.py", "read_upload", Some("CWE-22"))
);
docker_test!(
    pickle_loads_is_confirmed,
    expect_confirmed(
        "python/deser_vuln.py",
        "load_session",
        Some("CWE-502"),
        SinkKind::Deserialization
    )
);
docker_test!(
    yaml_load_with_the_unsafe_loader_is_confirmed,
    expect_confirmed(
        "python/deser_vuln.py",
        "load_config",
        Some("CWE-502"),
        SinkKind::Deserialization
    )
);
docker_test!(
    json_loads_is_not_reproduced,
    expect_not_reproduced("python/deser_safe.py", "load_session", Some("CWE-502"))
);
docker_test!(
    yaml_safe_load_is_not_reproduced,
    expect_not_reproduced("python/deser_safe.py", "load_config", Some("CWE-502"))
);
docker_test!(
    template_source_from_a_flask_request_is_confirmed,
    expect_confirmed(
        "python/web_vuln.py",
        "hello",
        Some("CWE-1336"),
        SinkKind::Template
    )
);
docker_test!(
    template_context_value_is_not_reproduced,
    expect_not_reproduced("python/web_safe.py", "hello", None)
);
docker_test!(
    ssrf_from_a_flask_request_is_confirmed,
    expect_confirmed(
        "python/web_vuln.py",
        "fetch",
        Some("CWE-918"),
        SinkKind::Ssrf
    )
);
docker_test!(
    host_allowlist_is_not_reproduced,
    expect_not_reproduced("python/web_safe.py", "fetch", Some("CWE-918"))
);

#[tokio::test(flavor = "multi_thread")]
async fn stubbed_modules_and_missing_functions_are_reported() {
    if !docker_enabled("stubbed_modules_and_missing_functions_are_reported") {
        return;
    }
    let report = verify(
        &sandbox(),
        &request("python", "python/web_vuln.py", "hello", None),
    )
    .await;
    assert!(
        report.stubbed_modules.contains(&"flask".to_owned()),
        "{report:?}"
    );
    let missing = verify(
        &sandbox(),
        &request("python", "python/web_vuln.py", "nope", None),
    )
    .await;
    assert!(
        matches!(
            missing.verdict,
            Verdict::Inconclusive {
                cause: bluecode_sandbox::InconclusiveCause::FunctionNotFound,
                ..
            }
        ),
        "{missing:?}"
    );
    let mut broken = request("python", "python/code_safe.py", "calculate", None);
    broken.module_source = "def calculate(x:\n".to_owned();
    let broken = verify(&sandbox(), &broken).await;
    assert!(
        matches!(
            broken.verdict,
            Verdict::Inconclusive {
                cause: bluecode_sandbox::InconclusiveCause::ImportError,
                ..
            }
        ),
        "{broken:?}"
    );
}

docker_test!(
    reflected_html_from_a_flask_request_is_confirmed,
    expect_confirmed(
        "python/xss_vuln.py",
        "search",
        Some("CWE-79"),
        SinkKind::Xss
    )
);
docker_test!(
    escaped_html_is_not_reproduced,
    expect_not_reproduced("python/xss_safe.py", "search", Some("CWE-79"))
);
docker_test!(
    a_function_is_found_by_line,
    expect_confirmed(
        "python/command_vuln.py",
        "line:6",
        Some("CWE-78"),
        SinkKind::Command
    )
);
docker_test!(
    a_method_is_found_by_line,
    expect_confirmed("python/code_vuln.py", "line:8", None, SinkKind::Code)
);
docker_test!(
    an_argparse_cli_is_confirmed_through_argv,
    expect_confirmed(
        "python/cli_vuln.py",
        "main",
        Some("CWE-78"),
        SinkKind::Command
    )
);
docker_test!(
    an_argparse_cli_with_an_argv_list_is_not_reproduced,
    expect_not_reproduced("python/cli_safe.py", "main", Some("CWE-78"))
);
docker_test!(
    user_text_in_a_json_response_is_not_xss,
    expect_not_reproduced("python/json_api.py", "echo", Some("CWE-79"))
);
