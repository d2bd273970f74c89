//! `bluecode constitutions list | show | test` and `bluecode config schema`.

use serde_json::Value;

use crate::support::{Project, bluecode};

#[test]
fn list_and_show_describe_the_builtins() {
    let p = Project::new();
    let run = bluecode(&["constitutions", "list"], p.path());
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("py.command-injection"));
    let run = bluecode(&["constitutions", "show", "py.command-injection"], p.path());
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("Principle"));
    assert!(run.stdout.contains("shlex.quote"));
    assert!(run.stdout.contains("Unsafe example (python)"));
    let run = bluecode(&["constitutions", "show", "no.such-rule"], p.path());
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("no constitution with id `no.such-rule`")
    );
}

#[test]
fn test_runs_builtin_examples() {
    let p = Project::new();
    let run = bluecode(&["constitutions", "test"], p.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains(" passed, 0 failed"), "{}", run.stdout);
}

const USER_RULE: &str = r#"id = "acme.no-pickle-in-handlers"
title = "pickle in a request handler"
category = "vulnerability"
cwe = 502
severity = "warning"
languages = ["python"]
principle = "Never unpickle request data."

[[pattern]]
query = '''
(call function: (attribute object: (identifier) @_m attribute: (identifier) @_f)
  arguments: (argument_list . (_) @input)
  (#eq? @_m "pickle") (#eq? @_f "loads")) @sink
'''
taint = "deserialize"

[[example]]
kind = "unsafe"
code = '''
import pickle
from flask import request
def load():
    return pickle.loads(request.data)
'''

[[example]]
kind = "safe"
code = '''
import pickle
def load():
    return pickle.loads(b"trusted")
'''
"#;

#[test]
fn test_reports_user_constitution_problems_with_file_and_line() {
    let p = Project::new();
    p.file("rules/pickle.toml", USER_RULE);
    let run = bluecode(&["constitutions", "test", "rules"], p.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("2 passed, 0 failed (1 constitutions, 0 load errors)"),
        "{}",
        run.stdout
    );

    // A broken query is reported with the file and the line of the error.
    let broken_query = USER_RULE.replace("(#eq? @_m \"pickle\")", "(#eq? @_m \"pickle\"");
    p.file("rules/pickle.toml", &broken_query);
    let run = bluecode(&["constitutions", "test", "rules"], p.path());
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("rules/pickle.toml:13: invalid python query"),
        "{}",
        run.stdout
    );

    p.file(
        "rules/pickle.toml",
        USER_RULE.replace("severity = \"warning\"", "severity = \"urgent\""),
    );
    let run = bluecode(&["constitutions", "test", "rules"], p.path());
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("rules/pickle.toml:5: invalid severity `urgent`"),
        "{}",
        run.stdout
    );

    // An example that contradicts its kind fails, naming the example's line.
    p.file(
        "rules/pickle.toml",
        USER_RULE.replace("b\"trusted\"", "request.data"),
    );
    let run = bluecode(&["constitutions", "test", "rules"], p.path());
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .contains("rules/pickle.toml:26: [acme.no-pickle-in-handlers] safe example is flagged"),
        "{}",
        run.stdout
    );
}

#[test]
fn module_matches_limits_a_pattern_to_modules_whose_own_code_matches() {
    let p = Project::new();
    let rule = USER_RULE.replace(
        "[[pattern]]\nquery",
        "[[pattern]]\nmodule_matches = '''HANDLERS\\s*=\\s*True'''\nquery",
    );
    p.file(".bluecode/constitutions/pickle.toml", &rule);
    p.file("bluecode.toml", "");
    let handler = "import pickle\nfrom flask import request\ndef load():\n    return pickle.loads(request.data)\n";
    p.file("marked.py", format!("HANDLERS = True\n{handler}"));
    p.file("unmarked.py", handler);
    // Neither a comment nor the text of a function makes the module match.
    p.file(
        "commented.py",
        format!("# HANDLERS = True\n{handler}def f():\n    HANDLERS = True\n"),
    );
    let run = bluecode(&["scan", "."], p.path());
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let flagged: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("[acme.no-pickle-in-handlers]"))
        .collect();
    assert_eq!(flagged.len(), 1, "{}", run.stdout);
    assert!(flagged[0].starts_with("marked.py:5:"), "{}", run.stdout);

    p.file(
        ".bluecode/constitutions/pickle.toml",
        USER_RULE.replace(
            "[[pattern]]\nquery",
            "[[pattern]]\nmodule_matches = \"(\"\nquery",
        ),
    );
    let run = bluecode(
        &["constitutions", "test", ".bluecode/constitutions"],
        p.path(),
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("pickle.toml:10: invalid `module_matches` regex"),
        "{}",
        run.stdout
    );
}

#[test]
fn workspace_constitutions_apply_to_scans() {
    let p = Project::new();
    p.file(".bluecode/constitutions/pickle.toml", USER_RULE);
    p.file("bluecode.toml", "");
    p.file("h.py", "import pickle\nfrom flask import request\ndef load():\n    return pickle.loads(request.data)\n");
    let run = bluecode(&["scan", "."], p.path());
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("[acme.no-pickle-in-handlers]"),
        "{}",
        run.stdout
    );
}

#[test]
fn config_schema_lists_every_setting() {
    let p = Project::new();
    let run = bluecode(&["config", "schema"], p.path());
    assert_eq!(run.code, 0);
    let schema: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let keys: Vec<&str> = schema["settings"]
        .as_array()
        .expect("settings")
        .iter()
        .filter_map(|s| s["key"].as_str())
        .collect();
    for key in [
        "minSeverity",
        "exclude",
        "llm.baseUrl",
        "llm.apiKeyEnv",
        "sandbox.enabled",
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
}

/// A rule about `random.random()` in functions about tokens, at any depth, not inside a
/// `# test` helper class, and (second pattern) only where the receiver is a field the
/// enclosing class assigned from `random.Random()`: `@_gen` is captured by both queries.
const INSIDE_RULE: &str = r#"id = "acme.token-random"
title = "random used for a token"
category = "vulnerability"
cwe = 338
severity = "warning"
languages = ["python"]
principle = "Tokens come from secrets, not random."

[[pattern]]
query = '''
((call function: (attribute object: (identifier) @_m attribute: (identifier) @_f)) @sink
  (#eq? @_m "random") (#any-of? @_f "random" "randint" "choice"))
'''
inside = '''
((function_definition name: (identifier) @_name) (#match? @_name "token"))
'''
not_inside = '''
((class_definition name: (identifier) @_c) (#match? @_c "^Fake"))
'''

[[pattern]]
query = '''
((call function: (attribute object: (attribute object: (identifier) @_s attribute: (identifier) @_gen) attribute: (identifier) @_f)) @sink
  (#eq? @_s "self") (#eq? @_f "getrandbits"))
'''
inside = [
'''((function_definition name: (identifier) @_name) (#match? @_name "token"))''',
'''
((class_definition body: (block (function_definition body: (block (expression_statement (assignment
  left: (attribute attribute: (identifier) @_gen)
  right: (call function: (attribute object: (identifier) @_r attribute: (identifier) @_k))))))))
  (#eq? @_r "random") (#eq? @_k "Random"))
''',
]

[[example]]
kind = "unsafe"
code = '''
import random
def reset_token(user):
    for attempt in range(3):
        if user.active:
            while True:
                with open("log") as log:
                    try:
                        return str(random.random())
                    finally:
                        log.close()
'''

[[example]]
kind = "unsafe"
code = '''
import random
class Issuer:
    def __init__(self):
        self.gen = random.Random()
    def new_token(self):
        if True:
            return self.gen.getrandbits(64)
'''

[[example]]
kind = "safe"
code = '''
import random
def shuffle_deck(deck):
    for i in range(len(deck)):
        j = random.randint(0, i)
        deck[i], deck[j] = deck[j], deck[i]
'''

[[example]]
kind = "safe"
code = '''
import random
class FakeTokens:
    def make_token(self):
        if True:
            return random.random()
'''

[[example]]
kind = "safe"
code = '''
import random, secrets
class Issuer:
    def __init__(self):
        self.gen = random.Random()
        self.strong = secrets.SystemRandom()
    def new_token(self):
        return self.strong.getrandbits(64)
'''
"#;

#[test]
fn inside_and_not_inside_cover_every_nesting_depth() {
    let p = Project::new();
    p.file("rules/token.toml", INSIDE_RULE);
    let run = bluecode(&["constitutions", "test", "rules"], p.path());
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("5 passed, 0 failed (1 constitutions, 0 load errors)"),
        "{}",
        run.stdout
    );

    // An unknown field (a misspelt `not_inside`) is a load error, not a silent no-op.
    p.file(
        "rules/token.toml",
        INSIDE_RULE.replace("not_inside = '''", "inside_unused = '''"),
    );
    let run = bluecode(&["constitutions", "test", "rules"], p.path());
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("unknown field `inside_unused`"),
        "{}",
        run.stdout
    );
    // Each condition matters: without `not_inside` the Fake class is flagged, and the
    // shared `@_gen` keeps `self.strong` from counting as the `random.Random()` field.
    let without_not_inside = INSIDE_RULE.replace(
        "not_inside = '''\n((class_definition name: (identifier) @_c) (#match? @_c \"^Fake\"))\n'''\n",
        "",
    );
    p.file("rules/token.toml", &without_not_inside);
    let run = bluecode(&["constitutions", "test", "rules"], p.path());
    assert!(
        run.stdout
            .contains("rules/token.toml:70: [acme.token-random] safe example is flagged"),
        "{}",
        run.stdout
    );
    let unshared = INSIDE_RULE.replace(
        "attribute: (identifier) @_gen)\n  right",
        "attribute: (identifier) @_field)\n  right",
    );
    p.file("rules/token.toml", &unshared);
    let run = bluecode(&["constitutions", "test", "rules"], p.path());
    assert!(
        run.stdout
            .contains("rules/token.toml:83: [acme.token-random] safe example is flagged"),
        "{}",
        run.stdout
    );

    // The same rule from a workspace, in a scan: reported six levels deep.
    p.file(".bluecode/constitutions/token.toml", INSIDE_RULE);
    p.file("bluecode.toml", "");
    p.file(
        "app.py",
        "import random\n\ndef api_token():\n    for i in range(2):\n        if i:\n            with open('x') as f:\n                try:\n                    return [random.choice('ab') for _ in range(9)]\n                except OSError:\n                    pass\n",
    );
    let run = bluecode(&["scan", "app.py"], p.path());
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("app.py:8:") && run.stdout.contains("[acme.token-random]"),
        "{}",
        run.stdout
    );
}
