//! Settings: `bluecode.toml` in the workspace, editor settings over it, problems shown
//! to the user by name, and workspace constitutions that fail to load reported with
//! file and line.

use serde_json::json;
use std::time::Duration;

use crate::client::{TestClient, file_uri};
use crate::{fixture, workspace};

#[test]
fn bluecode_toml_and_editor_settings_decide_what_is_reported() {
    let (_dir, root) = workspace(&[
        ("bluecode.toml", "disabled = [\"py.command-injection\"]\n"),
        (
            ".bluecode/constitutions/broken.toml",
            "id = \"x.broken\"\ntitle = 3\n",
        ),
    ]);
    let mut client = TestClient::start(&root, json!({"debounceMs": 0, "minSeverity": "loud"}));
    client.notification("window/showMessage", |p| {
        p["message"]
            .as_str()
            .is_some_and(|m| m.contains("broken.toml:"))
    });
    client.notification("window/showMessage", |p| {
        p["message"]
            .as_str()
            .is_some_and(|m| m.contains("min_severity") && m.contains("loud"))
    });

    let uri = file_uri(&root.join("ping.py"));
    client.open(&uri, "python", 1, &fixture("ping.py"));
    assert_eq!(
        client.published(&uri, 1),
        Vec::<serde_json::Value>::new(),
        "disabled in bluecode.toml"
    );

    // The editor switches nothing off: its list replaces the file's.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"bluecode": {"disabled": [], "colour": 1}}}),
    );
    assert!(
        client.saw_notification("window/showMessage", Duration::from_secs(30), |p| {
            p["message"].as_str().is_some_and(|m| m.contains("colour"))
        })
    );
    let codes = |client: &mut TestClient| {
        client.pulled(&uri)["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].clone())
            .collect::<Vec<_>>()
    };
    let deadline = std::time::Instant::now() + crate::client::TIMEOUT;
    while codes(&mut client).is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "re-analysed after the settings change"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(codes(&mut client), [json!("py.command-injection")]);
    assert!(client.shutdown().success());
}
