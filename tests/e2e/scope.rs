//! Default scope over real frames: a test file of an application gets no vulnerability
//! diagnostics, the "review this file" source action is offered, and running it brings
//! the findings in.

use serde_json::json;

use crate::client::{TestClient, file_uri};
use crate::workspace;

#[test]
fn a_test_file_is_out_of_scope_until_the_user_asks_to_review_it() {
    let (_dir, root) = workspace(&[
        (
            "pyproject.toml",
            "[project]\nname = \"shop\"\ndependencies = [\"flask\"]\n",
        ),
        (".git/HEAD", "ref: refs/heads/main\n"),
    ]);
    let mut client = TestClient::start(&root, json!({"debounceMs": 0}));
    let text = "import os\nfrom flask import request\n\ndef test_run():\n    os.system(request.args['c'])\n";
    let uri = file_uri(&root.join("tests").join("test_run.py"));
    client.open(&uri, "python", 1, text);
    assert_eq!(client.published(&uri, 1), Vec::<serde_json::Value>::new());

    let actions = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                "context": {"diagnostics": [], "only": ["source"]},
            }),
        )
        .expect("code actions");
    let action = actions
        .as_array()
        .and_then(|a| a.iter().find(|a| a["kind"] == "source.bluecode.reviewFile"))
        .cloned()
        .expect("a review-this-file action");
    assert!(
        action["title"].as_str().unwrap().contains("test file"),
        "{action}"
    );
    client
        .request(
            "workspace/executeCommand",
            json!({
                "command": action["command"]["command"],
                "arguments": action["command"]["arguments"],
            }),
        )
        .expect("command runs");
    let published = client.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri.as_str()
            && p["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["code"] == "py.command-injection"))
    });
    assert!(!published["diagnostics"].as_array().unwrap().is_empty());
    client.shutdown();
}

#[test]
fn the_hover_names_the_threat_model_the_flow_was_found_in() {
    let (_dir, root) = workspace(&[(
        "pyproject.toml",
        "[project]\nname = \"shop\"\ndependencies = [\"flask\"]\n",
    )]);
    let mut client = TestClient::start(&root, json!({"debounceMs": 0}));
    let text =
        "import os\nfrom flask import request\n\n\ndef run():\n    os.system(request.args['c'])\n";
    let uri = file_uri(&root.join("app.py"));
    client.open(&uri, "python", 1, text);
    let published = client.published(&uri, 1);
    let finding = published
        .iter()
        .find(|d| d["code"] == "py.command-injection")
        .unwrap_or_else(|| panic!("a flow from the request: {published:#?}"));
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": finding["range"]["start"]}),
        )
        .expect("hover");
    let shown = hover["contents"]["value"].as_str().expect("markdown");
    assert!(
        shown.contains("**Threat model.** application: flask in pyproject.toml"),
        "{shown}"
    );
}
