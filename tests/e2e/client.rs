//! A small LSP test client over real `Content-Length` frames: it spawns `bluecode lsp`,
//! writes requests and notifications, reads the server's frames on a thread (with a
//! timeout on every wait), answers the server's own requests, keeps notifications until
//! a test asks for them, and kills the server in `Drop` if a test did not shut it down.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long any single wait may take before the test fails. Generous: a debug build
/// needs seconds of CPU to compile the constitutions' queries at start, machines are
/// shared, and a timeout here should mean a hang, not slowness.
pub const TIMEOUT: Duration = Duration::from_secs(180);

/// Servers running at once across the test binary's threads: more would only compete
/// for the CPU and turn slowness into timeouts.
const MAX_SERVERS: usize = 2;

static RUNNING: (Mutex<usize>, Condvar) = (Mutex::new(0), Condvar::new());

/// A place among the [`MAX_SERVERS`] running servers, given back on drop.
struct Slot;

impl Slot {
    fn take() -> Slot {
        let (count, freed) = &RUNNING;
        let mut running = count.lock().unwrap_or_else(|p| p.into_inner());
        while *running >= MAX_SERVERS {
            running = freed.wait(running).unwrap_or_else(|p| p.into_inner());
        }
        *running += 1;
        Slot
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let (count, freed) = &RUNNING;
        *count.lock().unwrap_or_else(|p| p.into_inner()) -= 1;
        freed.notify_one();
    }
}

pub struct TestClient {
    root: PathBuf,
    child: Child,
    stdin: Option<ChildStdin>,
    frames: Receiver<Value>,
    /// Notifications (and server requests) not yet taken by a test.
    pending: Vec<Value>,
    stderr: Arc<Mutex<String>>,
    next_id: i64,
    _slot: Slot,
}

/// One frame as bytes.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl TestClient {
    /// Starts `bluecode lsp` in `dir`.
    pub fn spawn(dir: &Path) -> TestClient {
        TestClient::spawn_with_env(dir, &[])
    }

    /// Starts `bluecode lsp` in `dir` with extra environment variables.
    pub fn spawn_with_env(dir: &Path, env: &[(&str, &Path)]) -> TestClient {
        let slot = Slot::take();
        let mut command = Command::new(env!("CARGO_BIN_EXE_bluecode"));
        for (name, value) in env {
            command.env(name, value);
        }
        let mut child = command
            .arg("lsp")
            .current_dir(dir)
            .env("BLUECODE_LOG", "info")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the bluecode binary starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let stderr = child.stderr.take().expect("piped stderr");
        let (tx, frames) = channel();
        thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        let log = Arc::new(Mutex::new(String::new()));
        let sink = log.clone();
        thread::spawn(move || {
            let mut reader = BufReader::new(stderr);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                sink.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        TestClient {
            root: dir.to_owned(),
            stdin: child.stdin.take(),
            child,
            frames,
            pending: Vec::new(),
            stderr: log,
            next_id: 0,
            _slot: slot,
        }
    }

    /// Spawns and initializes with default capabilities (UTF-16, push diagnostics).
    pub fn start(dir: &Path, initialization_options: Value) -> TestClient {
        let mut client = TestClient::spawn(dir);
        client.initialize(initialization_options, json!({}));
        client
    }

    /// `initialize` + `initialized`; returns the server's capabilities.
    pub fn initialize(&mut self, initialization_options: Value, capabilities: Value) -> Value {
        let root = file_uri(&self.root);
        let result = self
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": root,
                    "capabilities": capabilities,
                    "initializationOptions": initialization_options,
                }),
            )
            .expect("initialize succeeds");
        self.notify("initialized", json!({}));
        result["capabilities"].clone()
    }

    /// The server's peak resident set size (`VmHWM`) in KiB, where `/proc` exists.
    pub fn peak_rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))?
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the server logged so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("server reads stdin");
        stdin.flush().expect("server reads stdin");
    }

    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).unwrap();
        self.send_raw(&frame(&body));
    }

    pub fn open(&mut self, uri: &str, language_id: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {
                "uri": uri, "languageId": language_id, "version": version, "text": text,
            }}),
        );
    }

    /// A `didChange` with the given content changes.
    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its id, without waiting.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Sends a request and waits for its response: `Ok(result)` or `Err(error)`.
    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.send_request(method, params);
        self.response(&json!(id))
    }

    /// Waits for the response with `id`.
    pub fn response(&mut self, id: &Value) -> Result<Value, Value> {
        let message = self.wait_for(&format!("the response to request {id}"), |m| {
            m.get("method").is_none() && &m["id"] == id
        });
        match message.get("error") {
            Some(error) => Err(error.clone()),
            None => Ok(message["result"].clone()),
        }
    }

    /// Waits for a notification from the server matching `accept` (taking it).
    pub fn notification(&mut self, method: &str, accept: impl Fn(&Value) -> bool) -> Value {
        // Moved out, not cloned: the latency bench times this on every keystroke.
        self.wait_for(&format!("a {method} notification"), |m| {
            m["method"] == method && m.get("id").is_none() && accept(&m["params"])
        })["params"]
            .take()
    }

    /// The diagnostics published for `uri` at `version`.
    pub fn published(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let params = self.notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == version
        });
        match params {
            Value::Object(mut params) => match params.remove("diagnostics") {
                Some(Value::Array(diagnostics)) => diagnostics,
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// Pull diagnostics of `uri`.
    pub fn pulled(&mut self, uri: &str) -> Value {
        self.request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .expect("pull diagnostics succeed")
    }

    /// Forgets the notifications received so far that match, so that a later wait sees
    /// only what comes after.
    pub fn discard(&mut self, method: &str, accept: impl Fn(&Value) -> bool) {
        self.pending
            .retain(|m| !(m["method"] == method && accept(&m["params"])));
    }

    /// Whether a matching notification has already arrived (waiting at most `wait`).
    pub fn saw_notification(
        &mut self,
        method: &str,
        wait: Duration,
        accept: impl Fn(&Value) -> bool,
    ) -> bool {
        let deadline = Instant::now() + wait;
        loop {
            if let Some(i) = self
                .pending
                .iter()
                .position(|m| m["method"] == method && accept(&m["params"]))
            {
                self.pending.remove(i);
                return true;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.frames.recv_timeout(left) {
                Ok(message) => self.take_in(message),
                Err(_) => return false,
            }
        }
    }

    fn wait_for(&mut self, what: &str, accept: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&accept) {
            return self.pending.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.frames.recv_timeout(left) {
                Ok(message) if accept(&message) => return message,
                Ok(message) => self.take_in(message),
                Err(RecvTimeoutError::Timeout) => {
                    panic!(
                        "timed out waiting for {what}; server log:\n{}",
                        self.stderr()
                    )
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!(
                        "the server closed stdout while waiting for {what}; server log:\n{}",
                        self.stderr()
                    )
                }
            }
        }
    }

    /// Answers server requests at once (as an editor would), keeps the rest.
    fn take_in(&mut self, message: Value) {
        let is_server_request = message.get("method").is_some() && message.get("id").is_some();
        if is_server_request {
            let result = match message["method"].as_str() {
                // No `bluecode` section: the initializationOptions stay in effect.
                Some("workspace/configuration") => json!([null]),
                _ => Value::Null,
            };
            let id = message["id"].clone();
            self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
        }
        self.pending.push(message);
    }

    /// `shutdown`, then `exit`; returns how the process ended.
    pub fn shutdown(mut self) -> ExitStatus {
        self.request("shutdown", Value::Null)
            .expect("shutdown succeeds");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("process status") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the server did not exit; log:\n{}",
                self.stderr()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for TestClient {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

pub fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A byte offset from an LSP position, with UTF-16 columns.
pub fn offset_utf16(text: &str, line: u64, character: u64) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line as usize)
        .map(str::len)
        .sum();
    let mut units = 0u64;
    for (i, ch) in text[line_start..].char_indices() {
        if units >= character || ch == '\n' {
            return line_start + i;
        }
        units += ch.len_utf16() as u64;
    }
    text.len()
}

/// Applies an LSP `TextEdit` (UTF-16 positions) to `text`.
pub fn apply_edit(text: &mut String, edit: &Value) {
    let position = |p: &Value| {
        offset_utf16(
            text,
            p["line"].as_u64().unwrap(),
            p["character"].as_u64().unwrap(),
        )
    };
    let start = position(&edit["range"]["start"]);
    let end = position(&edit["range"]["end"]);
    text.replace_range(start..end, edit["newText"].as_str().unwrap());
}
