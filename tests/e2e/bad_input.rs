//! Bad input never stops the server: malformed frames, invalid JSON, invalid UTF-8 and
//! unknown methods are answered with JSON-RPC errors (or ignored, for notifications);
//! a 50 MB file and a binary file are skipped with a log message. After each, the server
//! still answers requests about a file it analysed before.

use serde_json::{Value, json};

use crate::client::{TestClient, file_uri, frame};
use crate::{fixture, workspace};

/// A server with `ping.py` open and analysed.
fn server_with_a_finding() -> (tempfile::TempDir, TestClient, String) {
    let (dir, root) = workspace(&[]);
    let mut client = TestClient::start(&root, json!({"debounceMs": 0}));
    let uri = file_uri(&root.join("ping.py"));
    client.open(&uri, "python", 1, &fixture("ping.py"));
    assert_eq!(client.published(&uri, 1).len(), 1);
    (dir, client, uri)
}

/// The server still analyses, answers and hovers.
fn assert_alive(client: &mut TestClient, uri: &str) {
    let items = client.pulled(uri)["items"].clone();
    assert_eq!(items[0]["code"], "py.command-injection", "{items}");
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 7, "character": 6}}),
    );
    assert!(hover.is_ok_and(|h| h["contents"]["value"].as_str().is_some()));
    assert!(!client.stderr().contains("panicked"), "{}", client.stderr());
}

/// The error answering a message whose id could not be read.
fn error_for_unknown_id(client: &mut TestClient) -> Value {
    client
        .response(&Value::Null)
        .expect_err("an error response")
}

#[test]
fn malformed_frames_invalid_json_and_invalid_utf8_are_answered_and_skipped() {
    let (_dir, mut client, uri) = server_with_a_finding();

    client.send_raw(b"Content-Length: many\r\n\r\n{\"jsonrpc\":\"2.0\"}");
    let error = error_for_unknown_id(&mut client);
    assert_eq!(error["code"], -32700);
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("Content-Length"),
        "{error}"
    );
    assert_alive(&mut client, &uri);

    client.send_raw(b"X-Nonsense\r\n\r\n");
    assert_eq!(error_for_unknown_id(&mut client)["code"], -32700);
    assert_alive(&mut client, &uri);

    client.send_raw(&frame(br#"{"jsonrpc": "2.0", "id": 99, "method": "#));
    assert_eq!(error_for_unknown_id(&mut client)["code"], -32700);
    assert_alive(&mut client, &uri);

    client.send_raw(&frame(
        b"{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":\"\xff\xfe\"}",
    ));
    let error = error_for_unknown_id(&mut client);
    assert_eq!(error["code"], -32700);
    assert!(
        error["message"].as_str().unwrap().contains("UTF-8"),
        "{error}"
    );
    assert_alive(&mut client, &uri);

    client.send_raw(&frame(br#"{"jsonrpc": "1.0", "id": 41, "method": "x"}"#));
    assert_eq!(client.response(&json!(41)).unwrap_err()["code"], -32600);
    assert_alive(&mut client, &uri);
    assert!(client.shutdown().success());
}

#[test]
fn unknown_requests_get_method_not_found_and_unknown_notifications_are_ignored() {
    let (_dir, mut client, uri) = server_with_a_finding();
    let error = client
        .request("bluecode/noSuchThing", json!({}))
        .unwrap_err();
    assert_eq!(error["code"], -32601);
    client.notify("bluecode/noSuchNotification", json!({"x": 1}));
    client.notify("$/cancelRequest", json!({"id": 12345}));
    assert_alive(&mut client, &uri);
    assert!(client.shutdown().success());
}

#[test]
fn a_50_mb_file_is_skipped_with_a_log_message() {
    let (_dir, mut client, uri) = server_with_a_finding();
    let line = "x = 1  # padding padding padding padding padding padding padding\n";
    let huge = line.repeat(50 * 1024 * 1024 / line.len() + 1);
    let big_uri = uri.replace("ping.py", "huge.py");
    client.open(&big_uri, "python", 1, &huge);
    drop(huge);
    client.notification("window/logMessage", |p| {
        p["message"]
            .as_str()
            .is_some_and(|m| m.contains("huge.py") && m.contains("not analysed"))
    });
    assert_eq!(client.pulled(&big_uri)["items"], json!([]));
    assert_alive(&mut client, &uri);
    // Skipped means not parsed: a syntax tree of 50 MB would take gigabytes. What
    // remains is the message itself, decoded once by the guard and once by tower-lsp,
    // and the server's copy of the text.
    if let Some(peak) = client.peak_rss_kib() {
        assert!(peak < 400 * 1024, "peak RSS {peak} KiB after a 50 MB file");
    }
    assert!(client.shutdown().success());
}

#[test]
fn a_binary_file_is_skipped_with_a_log_message() {
    let (_dir, mut client, uri) = server_with_a_finding();
    let binary_uri = uri.replace("ping.py", "blob.py");
    client.open(
        &binary_uri,
        "python",
        1,
        "import os\x00\x01\x02os.system(x)\n",
    );
    client.notification("window/logMessage", |p| {
        p["message"]
            .as_str()
            .is_some_and(|m| m.contains("blob.py") && m.contains("NUL"))
    });
    assert_eq!(client.pulled(&binary_uri)["items"], json!([]));
    assert_alive(&mut client, &uri);
    assert!(client.shutdown().success());
}
