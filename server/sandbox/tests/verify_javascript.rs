//! The JavaScript canary harness against a real engine: true vulnerabilities confirmed,
//! safe twins not reproduced.

mod common;

use bluecode_sandbox::{SinkKind, Verdict};
use common::{docker_enabled, request, sandbox, verify};

async fn check(fixture: &str, function: &str, expected: Option<SinkKind>) {
    let report = verify(&sandbox(), &request("javascript", fixture, function, None)).await;
    match (&report.verdict, expected) {
        (Verdict::Confirmed { kind, .. }, Some(wanted)) => assert_eq!(*kind, wanted, "{report:?}"),
        (Verdict::NotReproduced { tried }, None) => assert!(!tried.is_empty(), "{report:?}"),
        (other, _) => panic!("{fixture}::{function}: expected {expected:?}, got {other:?}"),
    }
}

macro_rules! docker_test {
    ($name:ident, $fixture:expr, $function:expr, $expected:expr) => {
        #[tokio::test(flavor = "multi_thread")]
        async fn $name() {
            if !docker_enabled(stringify!($name)) {
                return;
            }
            check($fixture, $function, $expected).await;
        }
    };
}

docker_test!(
    exec_with_concatenation_is_confirmed,
    "javascript/command_vuln.js",
    "archive",
    Some(SinkKind::Command)
);
docker_test!(
    exec_file_with_argv_is_not_reproduced,
    "javascript/command_safe.js",
    "archive",
    None
);
docker_test!(
    mysql_concatenated_query_is_confirmed,
    "javascript/sql_vuln.js",
    "findUser",
    Some(SinkKind::Sql)
);
docker_test!(
    mysql_placeholder_query_is_not_reproduced,
    "javascript/sql_safe.js",
    "findUser",
    None
);
docker_test!(
    eval_is_confirmed,
    "javascript/code_vuln.js",
    "compute",
    Some(SinkKind::Code)
);
docker_test!(
    number_parsing_is_not_reproduced,
    "javascript/code_safe.js",
    "compute",
    None
);
docker_test!(
    path_join_traversal_is_confirmed,
    "javascript/path_vuln.js",
    "readAvatar",
    Some(SinkKind::Path)
);
docker_test!(
    basename_and_containment_is_not_reproduced,
    "javascript/path_safe.js",
    "readAvatar",
    None
);
docker_test!(
    express_style_reflected_html_is_confirmed,
    "javascript/web_vuln.js",
    "greet",
    Some(SinkKind::Xss)
);
docker_test!(
    escaped_html_is_not_reproduced,
    "javascript/web_safe.js",
    "greet",
    None
);
docker_test!(
    node_serialize_is_confirmed,
    "javascript/web_vuln.js",
    "restoreSession",
    Some(SinkKind::Deserialization)
);
docker_test!(
    json_parse_is_not_reproduced,
    "javascript/web_safe.js",
    "restoreSession",
    None
);
docker_test!(
    user_template_source_is_confirmed,
    "javascript/web_vuln.js",
    "renderCustom",
    Some(SinkKind::Template)
);
docker_test!(
    template_data_is_not_reproduced,
    "javascript/web_safe.js",
    "renderCustom",
    None
);
docker_test!(
    fetch_of_a_user_url_is_confirmed,
    "javascript/web_vuln.js",
    "preview",
    Some(SinkKind::Ssrf)
);
docker_test!(
    allowlisted_fetch_is_not_reproduced,
    "javascript/web_safe.js",
    "preview",
    None
);
docker_test!(
    an_anonymous_route_handler_is_found_by_line_and_confirmed,
    "javascript/route_vuln.js",
    "line:7",
    Some(SinkKind::Command)
);
docker_test!(
    an_anonymous_route_handler_with_argv_is_not_reproduced,
    "javascript/route_safe.js",
    "line:8",
    None
);
docker_test!(
    user_text_in_a_json_response_is_not_xss,
    "javascript/json_api.js",
    "echo",
    None
);
docker_test!(
    user_text_in_a_plain_text_response_is_not_xss,
    "javascript/json_api.js",
    "plain",
    None
);
docker_test!(
    dom_innerhtml_from_the_query_string_is_confirmed,
    "javascript/banner_vuln.js",
    "showGreeting",
    Some(SinkKind::Xss)
);
docker_test!(
    dom_textcontent_is_not_reproduced,
    "javascript/banner_safe.js",
    "showGreeting",
    None
);
docker_test!(
    an_escaped_javascript_url_in_href_is_confirmed,
    "javascript/profile_link_vuln.js",
    "profileLink",
    Some(SinkKind::Xss)
);
docker_test!(
    a_scheme_checked_href_is_not_reproduced,
    "javascript/profile_link_safe.js",
    "profileLink",
    None
);
docker_test!(
    a_record_parameter_gets_payload_fields,
    "javascript/profile_link_vuln.js",
    "bookmarkCard",
    Some(SinkKind::Xss)
);
