//! Edits are applied strictly in order: a thousand single-character changes written
//! back to back (so that the server receives them faster than it handles them) leave the
//! server's copy equal to the client's. The server's copy is read through
//! `bluecode/documentText`, a request that exists for this test.

use serde_json::{Value, json};

use crate::client::{TestClient, file_uri, offset_utf16};
use crate::workspace;

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": text[line_start..offset].encode_utf16().count()})
}

/// One random edit at a character boundary: insert a character (some multi-byte, some
/// newlines) or delete one. Returns the LSP change and applies it to `text`.
fn random_edit(rng: &mut Rng, text: &mut String) -> Value {
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let at = boundaries[rng.below(boundaries.len())];
    let delete = rng.below(3) == 0 && at < text.len();
    if delete {
        let len = text[at..].chars().next().map_or(0, char::len_utf8);
        let change = json!({
            "range": {"start": position(text, at), "end": position(text, at + len)},
            "text": "",
        });
        text.replace_range(at..at + len, "");
        change
    } else {
        let inserted = ["a", "é", "😀", "\n", "(", "x", " "][rng.below(7)];
        let change = json!({
            "range": {"start": position(text, at), "end": position(text, at)},
            "text": inserted,
        });
        text.insert_str(at, inserted);
        change
    }
}

#[test]
fn a_thousand_rapid_edits_leave_the_servers_text_equal_to_the_clients() {
    let (_dir, root) = workspace(&[]);
    let mut client = TestClient::start(&root, json!({"debounceMs": 0}));
    let uri = file_uri(&root.join("typing.py"));
    let mut text = String::from("import os\n\ndef run(cmd):\n    os.system(cmd)\n");
    client.open(&uri, "python", 1, &text);

    let mut rng = Rng(0x5eed_b1ec0de);
    let mut burst = Vec::new();
    for version in 2..=1001 {
        let change = random_edit(&mut rng, &mut text);
        let message = json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
        });
        burst.extend(crate::client::frame(&serde_json::to_vec(&message).unwrap()));
    }
    client.send_raw(&burst);

    let server = client
        .request("bluecode/documentText", json!({"uri": uri}))
        .expect("the server's copy");
    assert_eq!(server["version"], 1001);
    assert_eq!(server["text"].as_str(), Some(text.as_str()));
    // The latest version is analysed and published (earlier ones may be skipped).
    client.published(&uri, 1001);
    assert!(client.shutdown().success());
}

#[test]
fn the_test_helper_reads_utf16_positions_like_the_server() {
    let text = "a😀b\nc";
    assert_eq!(offset_utf16(text, 0, 3), "a😀".len());
    assert_eq!(offset_utf16(text, 1, 0), "a😀b\n".len());
    assert_eq!(offset_utf16(text, 0, 99), "a😀b".len());
}
