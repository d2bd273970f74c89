//! The main story: a vulnerable file is flagged, explained and acted on, and the
//! diagnostics go away once the code is suppressed or fixed.

use serde_json::{Value, json};

use crate::client::{TestClient, apply_edit, file_uri};
use crate::{fixture, workspace};

fn with_code<'a>(diagnostics: &'a [Value], code: &str) -> Option<&'a Value> {
    diagnostics.iter().find(|d| d["code"] == code)
}

fn code_actions(client: &mut TestClient, uri: &str, diagnostic: &Value) -> Vec<Value> {
    client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": diagnostic["range"],
                "context": {"diagnostics": [diagnostic]},
            }),
        )
        .expect("code actions")
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn titled<'a>(actions: &'a [Value], prefix: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.starts_with(prefix)))
        .unwrap_or_else(|| panic!("no `{prefix}` action in {actions:#?}"))
}

/// Applies a code action's edit to `text` and sends it as the next change.
fn apply_action(
    client: &mut TestClient,
    uri: &str,
    version: i64,
    text: &mut String,
    action: &Value,
) {
    let edits = action["edit"]["changes"][uri]
        .as_array()
        .expect("edits for the file");
    for edit in edits {
        apply_edit(text, edit);
        client.change(
            uri,
            version,
            json!([{"range": edit["range"], "text": edit["newText"]}]),
        );
    }
}

#[test]
fn a_command_injection_is_flagged_explained_suppressed_and_cleared() {
    let (_dir, root) = workspace(&[]);
    let mut client = TestClient::start(
        &root,
        json!({"debounceMs": 0, "sandbox": {"enabled": false}}),
    );
    let uri = file_uri(&root.join("ping.py"));
    let mut text = fixture("ping.py");

    client.open(&uri, "python", 1, &text);
    let published = client.published(&uri, 1);
    let finding = with_code(&published, "py.command-injection")
        .unwrap_or_else(|| panic!("command injection flagged: {published:#?}"))
        .clone();
    let sink = "os.system(\"ping -c 1 \" + host)";
    assert_eq!(
        finding["range"],
        json!({"start": {"line": 7, "character": 4}, "end": {"line": 7, "character": 4 + sink.len()}})
    );
    assert_eq!(finding["source"], "bluecode");
    assert_eq!(finding["severity"], 1, "error");
    assert!(
        finding["message"].as_str().unwrap().contains("CWE-78"),
        "{finding}"
    );
    assert!(
        finding["codeDescription"]["href"]
            .as_str()
            .is_some_and(|h| h.ends_with("command-injection.toml")),
        "{finding}"
    );
    let trace = finding["relatedInformation"].as_array().expect("the trace");
    assert!(trace.len() >= 2, "source and sink at least: {trace:#?}");
    assert!(
        trace
            .iter()
            .all(|step| step["location"]["uri"] == uri.as_str())
    );

    let pulled = client.pulled(&uri);
    assert_eq!(pulled["kind"], "full");
    assert_eq!(pulled["resultId"], "1");
    assert_eq!(pulled["items"], json!(published), "pull and push agree");

    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 7, "character": 8}}),
        )
        .expect("hover");
    let shown = hover["contents"]["value"].as_str().expect("markdown");
    assert!(
        shown.contains("**Principle.** Never let data from outside the program"),
        "{shown}"
    );
    assert!(
        shown.contains("CWE-78") && shown.contains("line 7:"),
        "{shown}"
    );
    assert!(shown.contains("shlex.quote"), "the fix hint: {shown}");

    let actions = code_actions(&mut client, &uri, &finding);
    let verify = titled(&actions, "Verify in sandbox").clone();
    assert_eq!(verify["command"]["command"], "bluecode.verify");
    let answer = client.request(
        "workspace/executeCommand",
        json!({"command": "bluecode.verify", "arguments": verify["command"]["arguments"]}),
    );
    assert_eq!(answer, Ok(Value::Null));
    client.notification("window/showMessage", |p| {
        p["message"]
            .as_str()
            .is_some_and(|m| m.contains("sandbox is not enabled"))
    });

    let suppress = titled(&actions, "Suppress py.command-injection here (with reason)").clone();
    apply_action(&mut client, &uri, 2, &mut text, &suppress);
    assert!(
        text.contains("    # bluecode: ignore[py.command-injection] reason=\"reviewed: explain why this is safe\"\n    os.system("),
        "{text}"
    );
    assert_eq!(client.published(&uri, 2), Vec::<Value>::new(), "suppressed");

    let safe = fixture("ping_safe.py");
    client.change(&uri, 3, json!([{"text": safe}]));
    assert_eq!(client.published(&uri, 3), Vec::<Value>::new(), "fixed");
    assert_eq!(client.pulled(&uri)["items"], json!([]));

    let status = client.shutdown();
    assert!(status.success(), "{status:?}");
}

#[test]
fn unsafe_yaml_load_offers_its_fix_and_the_fix_clears_it() {
    let (_dir, root) = workspace(&[]);
    let mut client = TestClient::start(&root, json!({"debounceMs": 0}));
    let uri = file_uri(&root.join("config_loader.py"));
    let mut text = fixture("config_loader.py");

    client.open(&uri, "python", 1, &text);
    let published = client.published(&uri, 1);
    let finding = with_code(&published, "py.unsafe-yaml-load")
        .unwrap_or_else(|| panic!("unsafe yaml.load flagged: {published:#?}"))
        .clone();
    let actions = code_actions(&mut client, &uri, &finding);
    let fix = titled(&actions, "Apply fix: ").clone();
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["kind"], "quickfix");
    titled(&actions, "Suppress py.unsafe-yaml-load here");

    apply_action(&mut client, &uri, 2, &mut text, &fix);
    assert!(text.contains("return yaml.safe_load(f)"), "{text}");
    assert_eq!(client.published(&uri, 2), Vec::<Value>::new());

    let shown = client
        .request(
            "workspace/executeCommand",
            json!({"command": "bluecode.showConstitution", "arguments": ["py.unsafe-yaml-load"]}),
        )
        .expect("the constitution");
    let shown = shown.as_str().expect("markdown");
    assert!(
        shown.contains("## Principle") && shown.contains("## Unsafe example"),
        "{shown}"
    );
    let unknown = client.request(
        "workspace/executeCommand",
        json!({"command": "bluecode.showConstitution", "arguments": ["no.such-rule"]}),
    );
    assert_eq!(unknown.unwrap_err()["code"], -32602);
    assert!(client.shutdown().success());
}
