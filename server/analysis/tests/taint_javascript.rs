//! The taint walker on JavaScript/TypeScript (and the engine changes made for them),
//! through the real engine and the built-in constitutions.

use bluecode_analysis::Finding;
use bluecode_analysis::constitutions::Confidence;
use bluecode_analysis::syntax::Language;

mod common;
use common::findings_of as findings;

fn js(rule: &str, code: &str) -> Vec<Finding> {
    findings(Language::JavaScript, rule, code)
}

#[test]
fn destructured_request_fields_are_tainted_at_high_confidence() {
    let f = js(
        "js.command-injection",
        r#"
const { exec } = require("child_process");
app.get("/x", (req, res) => {
  const { cmd, opts: { dir } } = req.query;
  exec("ls " + dir);
});
"#,
    );
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].confidence, Confidence::High, "{:?}", f[0].trace);
    // The key of a pair pattern is not bound: `opts` stays unknown (clean).
    let key_only = js(
        "js.command-injection",
        r#"
const { exec } = require("child_process");
function run(req) {
  const { opts: dir } = req.query;
  exec("ls " + opts);
}
"#,
    );
    assert!(key_only.is_empty());
}

#[test]
fn a_handler_parameter_is_a_weak_source_but_its_request_fields_are_strong() {
    let weak = js(
        "js.command-injection",
        "const cp = require('child_process');\nfunction run(cmd) {\n  cp.exec(cmd);\n}\n",
    );
    assert_eq!(weak.len(), 1);
    assert_eq!(weak[0].confidence, Confidence::Medium);
    let strong = js(
        "js.command-injection",
        "const cp = require('child_process');\nfunction run(req) {\n  cp.exec(req.body.cmd);\n}\n",
    );
    assert_eq!(strong.len(), 1);
    assert_eq!(strong[0].confidence, Confidence::High);
    // A root that is a local variable holding clean data is not a source.
    let local = js(
        "js.command-injection",
        "const cp = require('child_process');\nfunction run() {\n  const req = { query: { cmd: 'ls' } };\n  cp.exec(req.query.cmd);\n}\n",
    );
    assert!(local.is_empty());
}

#[test]
fn typescript_files_use_the_javascript_taint_model() {
    let code = "import { execSync } from 'child_process';\nexport function main(): void {\n  const target: string = process.argv[2];\n  execSync(`du -sh ${target}`);\n}\n";
    let f = findings(Language::TypeScript, "js.command-injection", code);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].confidence, Confidence::High);
    assert!(
        f[0].message.contains("command-line argument"),
        "{}",
        f[0].message
    );
}

#[test]
fn a_starts_with_containment_check_cleans_a_path_but_not_a_command() {
    let code = r#"
const fs = require("fs");
const { exec } = require("child_process");
app.get("/f", (req, res) => {
  const file = path.resolve(ROOT, req.query.name);
  if (!file.startsWith(ROOT + path.sep)) return res.sendStatus(403);
  res.send(fs.readFileSync(file));
  exec("cat " + file);
});
"#;
    assert!(js("js.path-traversal", code).is_empty());
    assert_eq!(js("js.command-injection", code).len(), 1);
}

#[test]
fn object_keys_are_names_not_variables() {
    let code = r#"
const _ = require("lodash");
function save(req) {
  const { name } = req.body;
  return _.merge({}, defaults, { name: String(name) });
}
"#;
    assert!(js("js.prototype-pollution", code).is_empty());
    let raw = code.replace("String(name)", "name");
    assert_eq!(js("js.prototype-pollution", &raw).len(), 1);
}

#[test]
fn the_hand_written_regex_escape_sanitizes_for_regex_only() {
    let code = r#"
function find(items, term) {
  const safe = term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return items.filter((i) => new RegExp(safe).test(i));
}
"#;
    assert!(js("js.regex-injection", code).is_empty());
    let partial = code.replace("\"\\\\$&\"", "\"\"");
    assert_eq!(js("js.regex-injection", &partial).len(), 1);
}

#[test]
fn every_name_of_a_destructured_parameter_is_bound() {
    let code = r#"
function Card({ title, body }) {
  return <div dangerouslySetInnerHTML={{ __html: body }} />;
}
"#;
    assert_eq!(js("js.dom-xss", code).len(), 1);
}

#[test]
fn python_abort_ends_a_branch_and_recv_is_a_source_on_any_socket() {
    let py = |rule: &str, code: &str| findings(Language::Python, rule, code);
    let code = r#"
import os
from flask import abort, request, send_file

def report():
    full = os.path.realpath(os.path.join("/srv", request.args["name"]))
    if not full.startswith("/srv/"):
        abort(404)
    return send_file(full)
"#;
    assert!(py("py.path-traversal", code).is_empty());
    assert_eq!(
        py(
            "py.path-traversal",
            &code.replace("abort(404)", "print(404)")
        )
        .len(),
        1
    );
    let sock = r#"
import pickle, socket

def serve():
    s = socket.socket()
    conn, _ = s.accept()
    data = conn.recv(4096)
    return pickle.loads(data)
"#;
    let f = py("py.unsafe-deserialization", sock);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].confidence, Confidence::High);
}

#[test]
fn a_typeof_string_check_rules_out_query_operators_only() {
    let checked = r#"
app.post("/login", async (req, res) => {
  if (typeof req.body.email !== "string") {
    return res.status(400).end();
  }
  const user = await db.collection("users").findOne({ email: req.body.email });
  res.json(user);
});
"#;
    assert!(js("js.nosql-injection", checked).is_empty());
    // Without the exit the check proves nothing.
    assert!(
        !js(
            "js.nosql-injection",
            &checked.replace("return res.status(400).end();", "console.log(\"odd\");")
        )
        .is_empty()
    );
    // A string still carries SQL.
    let sql = r#"
app.get("/u", async (req, res) => {
  if (typeof req.query.name !== "string") return res.status(400).end();
  const rows = await pool.query("SELECT * FROM users WHERE name = '" + req.query.name + "'");
  res.json(rows);
});
"#;
    assert!(!js("js.sql-injection", sql).is_empty());
}

#[test]
fn a_prefix_check_on_a_request_field_does_not_clean_it_for_the_shell() {
    let code = r#"
const { exec } = require("child_process");
app.get("/cat", (req, res) => {
  if (!req.query.p.startsWith("/srv/")) {
    return res.status(400).end();
  }
  exec("cat " + req.query.p);
});
"#;
    // The prefix keeps a path under /srv/; it says nothing about `;` or `$(…)`.
    assert!(!js("js.command-injection", code).is_empty());
}

#[test]
fn a_replace_with_a_control_character_constant_neutralises_log_lines() {
    let code = r#"
const CONTROL = /[\u0000-\u001f\u007f]/g;
app.get("/search", (req, res) => {
  const q = String(req.query.q).replace(CONTROL, " ");
  console.log("searched for: " + q);
  res.end();
});
"#;
    assert!(js("js.log-injection", code).is_empty());
    // A constant that does not cover line breaks leaves them in.
    assert!(
        !js(
            "js.log-injection",
            &code.replace(r"/[\u0000-\u001f\u007f]/g", r"/[<>]/g")
        )
        .is_empty()
    );
}

#[test]
fn an_allow_list_guard_sees_through_wrappers_that_hand_the_value_on() {
    let guarded = |check: &str, used: &str| {
        format!(
            r#"
const {{ execSync }} = require("child_process");
const FORMATS = ["png", "jpg"];
function pass(value) {{
  return value;
}}
function lower(value) {{
  return value.toLowerCase();
}}
app.get("/convert", (req, res) => {{
  const format = req.query.format;
  if (!FORMATS.includes({check})) throw new Error("bad format");
  execSync("convert in out." + {used});
}});
"#
        )
    };
    for wrapper in [
        "[format][0]",
        "({ value: format }).value",
        "((value) => value)(format)",
        "pass(format)",
    ] {
        let code = guarded(wrapper, wrapper);
        assert!(js("js.command-injection", &code).is_empty(), "{wrapper}");
    }
    // A helper that changes the value checks what it returns, not the request's text.
    let changed = guarded("lower(format)", "format");
    assert_eq!(js("js.command-injection", &changed).len(), 1);
}
