//! The taint walker on Python, through the real engine and the built-in
//! `py.command-injection` constitution: what must be flagged and what must not.

use bluecode_analysis::Finding;
use bluecode_analysis::constitutions::Confidence;
use bluecode_analysis::syntax::{Document, Language};

mod common;
use common::engine;

fn findings(code: &str) -> Vec<Finding> {
    let engine = engine();
    let doc = Document::new(Some(Language::Python), code.to_owned());
    engine
        .analyze_document(&doc)
        .into_iter()
        .filter(|f| f.rule_id == "py.command-injection")
        .collect()
}

fn flagged(code: &str) -> bool {
    !findings(code).is_empty()
}

#[test]
fn a_request_value_through_assignments_and_formatting_is_flagged_with_its_trace() {
    let f = findings(
        r#"
import os
from flask import request

def run():
    host = request.args.get("host")
    target = "ping -c 1 {}".format(host)
    cmd = target
    os.system(cmd)
"#,
    );
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].confidence, Confidence::High);
    let labels: Vec<&str> = f[0].trace.iter().map(|s| s.label.as_str()).collect();
    assert!(
        labels[0].starts_with("source: HTTP query parameter"),
        "{labels:?}"
    );
    assert!(
        labels.last().is_some_and(|l| l.starts_with("sink:")),
        "{labels:?}"
    );
    assert!(labels.len() >= 4, "{labels:?}");
}

#[test]
fn constant_conditions_fold_to_the_constant_branch() {
    let safe = r#"
import os

def handler(param):
    num = 106
    bar = "safe" if 7 * 18 + num > 200 else param
    os.system("echo " + bar)
"#;
    assert!(!flagged(safe));
    let unsafe_ = safe.replace("> 200", "< 200");
    assert!(flagged(&unsafe_));
}

#[test]
fn a_dead_branch_is_not_flagged_and_a_live_one_is() {
    let dead = r#"
import os

def handler(param):
    if 3 > 5:
        os.system(param)
"#;
    assert!(!flagged(dead));
    assert!(flagged(&dead.replace("3 > 5", "len(param) > 5")));
}

#[test]
fn an_allow_list_guard_that_exits_cleans_the_value() {
    let guarded = r#"
import os
ALLOWED = {"status", "restart"}

def handler(action):
    if action not in ALLOWED:
        raise ValueError(action)
    os.system("systemctl " + action)
"#;
    assert!(!flagged(guarded));
    // Without the exit the guard proves nothing.
    assert!(flagged(&guarded.replace(
        "        raise ValueError(action)\n",
        "        print(action)\n"
    )));
    let inside = r#"
import os

def handler(action):
    if action in ("status", "restart"):
        os.system("systemctl " + action)
"#;
    assert!(!flagged(inside));
}

#[test]
fn a_validator_defined_in_the_file_cleans_what_it_checks() {
    let guarded = r#"
import os
from flask import abort, request
ALLOWED = {"status", "restart"}

def is_known(action):
    """Only the actions the runbook documents."""
    if not action:
        return False
    return action in ALLOWED

def handler():
    action = request.args.get("action")
    if not is_known(action):
        abort(400)
    os.system("systemctl " + action)
"#;
    assert!(!flagged(guarded));
    // A guard that returns True lets unchecked values through: no longer a validator.
    assert!(flagged(&guarded.replace(
        "if not action:\n        return False",
        "if action.startswith(\"x\"):\n        return True"
    )));
    // A helper that checks something else proves nothing about the argument.
    assert!(flagged(
        &guarded.replace("return action in ALLOWED", "return len(ALLOWED) > 1")
    ));
    // Recursion is not followed.
    assert!(flagged(
        &guarded.replace("return action in ALLOWED", "return is_known(action)")
    ));
}

#[test]
fn a_constant_table_lookup_yields_its_values_or_the_default() {
    let lookup = r#"
import os
from flask import request
TOOLS = {"disk": "df -h", "load": "uptime"}

def handler():
    name = request.args.get("tool")
    os.system(TOOLS.get(name, "true"))
"#;
    assert!(!flagged(lookup));
    // The default is what a missing key returns: a tainted one comes through.
    assert!(flagged(
        &lookup.replace("TOOLS.get(name, \"true\")", "TOOLS.get(name, name)")
    ));
}

#[test]
fn a_function_of_the_file_that_returns_only_literals_maps_input_to_constants() {
    let mapped = r#"
import os
from flask import request

def unit_flag(unit):
    if unit == "human":
        return "-h"
    elif unit == "kilo":
        return "-k"
    return ""

def handler():
    os.system("df " + unit_flag(request.args.get("unit")))
"#;
    assert!(!flagged(mapped));
    // One return that hands back (part of) its input is enough to carry it.
    assert!(flagged(
        &mapped.replace("return \"\"", "return f\"-{unit}\"")
    ));
    assert!(flagged(&mapped.replace("return \"\"", "return unit")));
}

#[test]
fn the_argparse_namespace_is_the_command_line() {
    let cli = r#"
import argparse, subprocess

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("database")
    args = ap.parse_args()
    subprocess.call("pg_dump " + args.database, shell=True)
"#;
    let f = findings(cli);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].confidence, Confidence::High);
}

#[test]
fn sanitizers_count_only_for_their_own_sink_kind() {
    let quoted = r#"
import os, shlex, html

def handler(name):
    os.system("ls " + shlex.quote(name))
"#;
    assert!(!flagged(quoted));
    assert!(flagged(
        &quoted.replace("shlex.quote(name)", "html.escape(name)")
    ));
    assert!(!flagged(
        &quoted.replace("shlex.quote(name)", "str(int(name))")
    ));
}

#[test]
fn containers_and_loops_carry_taint() {
    let list = r#"
import os
import sys

def main():
    parts = ["tar", "czf"]
    parts.append(sys.argv[1])
    os.system(" ".join(parts))
"#;
    let f = findings(list);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].confidence, Confidence::High);
    let looped = r#"
import os

def run_all(names):
    for name in names:
        os.system("rm -f /tmp/" + name)
"#;
    assert!(flagged(looped));
}

#[test]
fn parameters_are_weak_sources_and_literals_are_clean() {
    let f = findings("import os\n\ndef ping(host):\n    os.system('ping ' + host)\n");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].confidence, Confidence::Medium);
    assert!(!flagged(
        "import os\n\ndef cleanup():\n    os.system('rm -rf /tmp/cache')\n"
    ));
    // A routed handler's parameters are request data.
    let routed = "import os\nfrom flask import Flask\napp = Flask(__name__)\n\n@app.route('/p/<host>')\ndef ping(host):\n    os.system('ping ' + host)\n";
    assert_eq!(findings(routed)[0].confidence, Confidence::High);
}

#[test]
fn a_reassignment_to_a_constant_clears_taint() {
    let code = r#"
import os

def handler(param):
    cmd = "ls " + param
    cmd = "ls /srv"
    os.system(cmd)
"#;
    assert!(!flagged(code));
}

#[test]
fn adversarially_deep_input_neither_panics_nor_overflows() {
    let deep = format!(
        "import os\n\ndef f(p):\n    os.system({}p{})\n",
        "(".repeat(3000),
        ")".repeat(3000)
    );
    let _ = findings(&deep);
    let broken = "import os\ndef f(p:\n    os.system(p +\n";
    let _ = findings(broken);
}

#[test]
fn one_line_helpers_of_the_file_are_followed_and_recursion_does_not_hide_a_flow() {
    // A helper that quotes its argument sanitizes the call.
    assert!(!flagged(
        r#"
import os, shlex
from flask import request

def quoted(v):
    return shlex.quote(v)

def run():
    os.system("ping " + quoted(request.args["host"]))
"#
    ));
    // A helper that only decorates passes the taint on.
    assert!(flagged(
        r#"
import os
from flask import request

def with_prefix(v):
    return "ping " + v

def run():
    os.system(with_prefix(request.args["host"]))
"#
    ));
    // Self- and mutually recursive helpers would end at the depth limit; they must not
    // read as clean.
    assert_eq!(
        findings(
            r#"
import os
from flask import request

def f(x):
    return f(x)

def g(x):
    return h(x)

def h(x):
    return g(x)

def run():
    os.system(f(request.args["a"]))
    os.system(g(request.args["a"]))
"#
        )
        .len(),
        2
    );
}

#[test]
fn module_constants_fold_and_constant_tables_yield_their_values() {
    assert!(!flagged(
        r#"
import os
from flask import request

DEBUG_SHELL = False

def run():
    if DEBUG_SHELL:
        os.system(request.args["cmd"])
"#
    ));
    assert!(!flagged(
        r#"
import os
from flask import request

COMMANDS = {"disk": "df -h", "load": "uptime"}

def run():
    os.system(COMMANDS.get(request.args["what"], "true"))
"#
    ));
    // A constant that is rebound through `global` is not folded.
    assert!(flagged(
        r#"
import os
from flask import request

DEBUG_SHELL = False

def enable():
    global DEBUG_SHELL
    DEBUG_SHELL = True

def run():
    if DEBUG_SHELL:
        os.system(request.args["cmd"])
"#
    ));
}

#[test]
fn open_with_its_file_by_keyword_is_open() {
    let code = |call: &str| {
        format!(
            r#"
import os
from flask import request

def run():
    name = request.args["name"]
    with {call} as fh:
        os.system(fh.read())
"#
        )
    };
    assert!(flagged(&code("open(file=name)")));
    // Keywords alone are what other calls look up by, not the data they return.
    assert!(!flagged(&code("store.snapshot(timestamp=name)")));
}
