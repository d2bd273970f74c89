//! Position encodings: UTF-16 columns unless the client offers UTF-8.

use serde_json::{Value, json};

use crate::client::{TestClient, file_uri};
use crate::workspace;

/// The finding sits after "é😀" on its line: 6 bytes, 3 UTF-16 units, 2 characters.
const SOURCE: &str =
    "import os\n\n\ndef ping(host):\n    note = \"é😀\"; os.system(\"ping \" + host)\n";

fn sink_start(capabilities: Value) -> (Value, Value) {
    let (_dir, root) = workspace(&[]);
    let mut client = TestClient::spawn(&root);
    let negotiated =
        client.initialize(json!({"debounceMs": 0}), capabilities)["positionEncoding"].clone();
    let uri = file_uri(&root.join("note.py"));
    client.open(&uri, "python", 1, SOURCE);
    let published = client.published(&uri, 1);
    let start = published
        .iter()
        .find(|d| d["code"] == "py.command-injection")
        .map(|d| d["range"]["start"].clone())
        .unwrap_or_else(|| panic!("flagged: {published:#?}"));
    (negotiated, start)
}

#[test]
fn columns_are_utf16_by_default_and_utf8_when_offered() {
    let prefix = "    note = \"é😀\"; ";
    let (negotiated, start) = sink_start(json!({}));
    assert_eq!(negotiated, "utf-16");
    assert_eq!(
        start,
        json!({"line": 4, "character": prefix.encode_utf16().count()})
    );

    let (negotiated, start) =
        sink_start(json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}));
    assert_eq!(negotiated, "utf-8");
    assert_eq!(start, json!({"line": 4, "character": prefix.len()}));
}
