//! `review_code` latency of `bluecode mcp`, warm and static only, through the real server
//! over stdio (newline-delimited JSON-RPC, as every MCP client speaks it). Run it with
//!
//! ```text
//! cargo bench --bench mcp_review
//! ```
//!
//! It starts the server in an empty workspace (no `[llm]`: static analysis only), sends
//! a generated 200-line Python snippet (command injection, SQL built from strings, YAML
//! loading, plain arithmetic) `WARM_UP` times, then times `CALLS` more calls from request
//! to response, and prints p50/p95/max against the target: ≤ 50 ms.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const LINES: usize = 200;
const WARM_UP: usize = 10;
const CALLS: usize = 100;
const TARGET: Duration = Duration::from_millis(50);

/// A Python snippet of about `LINES` lines, some of it vulnerable.
fn snippet() -> String {
    let mut out = String::from("import os\nimport sqlite3\n\nimport yaml\n\n\n");
    let mut i = 0;
    while out.lines().count() < LINES {
        let _ = match i % 4 {
            0 => write!(
                out,
                "def archive_{i}(name):\n    target = \"/tmp/\" + name\n    os.system(\"tar czf \" + target + \" /srv\")\n    return target\n\n\n"
            ),
            1 => write!(
                out,
                "def find_{i}(db, user):\n    query = \"SELECT * FROM users WHERE name = '\" + user + \"'\"\n    return db.execute(query).fetchall()\n\n\n"
            ),
            2 => write!(
                out,
                "def settings_{i}(path):\n    with open(path) as f:\n        return yaml.load(f)\n\n\n"
            ),
            _ => write!(
                out,
                "def total_{i}(items):\n    total = 0\n    for item in items:\n        total += item.price * item.quantity\n    return round(total, 2)\n\n\n"
            ),
        };
        i += 1;
    }
    out
}

struct Server {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    stdout: BufReader<std::process::ChildStdout>,
    next_id: u64,
}

impl Server {
    fn start(root: &std::path::Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bluecode"))
            .args(["mcp", "--root"])
            .arg(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start bluecode mcp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        Server {
            child,
            stdin,
            stdout,
            next_id: 0,
        }
    }

    fn send(&mut self, message: &Value) {
        let mut line = message.to_string();
        line.push('\n');
        self.stdin.write_all(line.as_bytes()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let mut line = String::new();
            assert!(
                self.stdout.read_line(&mut line).expect("read") > 0,
                "server closed"
            );
            let message: Value = serde_json::from_str(&line).expect("JSON line");
            if message["id"] == id {
                return message;
            }
        }
    }
}

fn percentile(sorted: &[Duration], q: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut server = Server::start(dir.path());
    let init = server.request(
        "initialize",
        json!({
            "protocolVersion": "2025-06-18",
            "capabilities": {},
            "clientInfo": {"name": "bench", "version": "0"},
        }),
    );
    assert!(init.get("result").is_some(), "{init}");
    server.send(&json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));

    let code = snippet();
    let arguments = json!({"code": code, "language": "python"});
    let mut findings = 0;
    for _ in 0..WARM_UP {
        let reply = server.request(
            "tools/call",
            json!({"name": "review_code", "arguments": arguments}),
        );
        findings = reply["result"]["structuredContent"]["findings"]
            .as_array()
            .map_or(0, Vec::len);
    }
    assert!(findings > 10, "the snippet has findings: {findings}");
    let mut times = Vec::with_capacity(CALLS);
    for _ in 0..CALLS {
        let started = Instant::now();
        let reply = server.request(
            "tools/call",
            json!({"name": "review_code", "arguments": arguments}),
        );
        times.push(started.elapsed());
        assert!(reply["result"]["isError"] == false, "{reply}");
    }
    times.sort();
    let p95 = percentile(&times, 0.95);
    println!(
        "mcp review_code, {} lines, {findings} findings, warm, static only: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms over {CALLS} calls (target p95 <= {} ms: {})",
        code.lines().count(),
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        p95.as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        TARGET.as_millis(),
        if p95 <= TARGET { "met" } else { "MISSED" }
    );
    drop(server.stdin);
    let _ = server.child.wait();
}
