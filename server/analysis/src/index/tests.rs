//! The index over in-memory files: summaries, resolution by import and name only,
//! propagation bounds and recursion, rounds until the facts settle.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use bluecode_constitutions::ConstitutionSet;
use bluecode_syntax::{Document, Language};

use super::*;
use crate::context::{AnalysisContext, FileRole, Profile};
use crate::engine::{Engine, IndexHooks};
use crate::finding::Finding;
use crate::incremental::DocumentAnalysis;

fn engine() -> Engine {
    Engine::new(Arc::new(
        ConstitutionSet::builtin().expect("built-ins load"),
    ))
}

fn application() -> AnalysisContext {
    AnalysisContext {
        profile: Profile::Application,
        profile_reason: "test".into(),
        role: FileRole::Source,
        reviewed: true,
        dependencies: None,
    }
}

/// Analyses `files` (path, text) as one workspace in the application profile, with
/// rounds of re-analysis until the index's facts settle; the findings per path.
fn analyse(files: &[(&str, &str)]) -> HashMap<String, Vec<Finding>> {
    let engine = engine();
    let mut docs: Vec<(Arc<Path>, Document, DocumentAnalysis)> = files
        .iter()
        .map(|(path, text)| {
            let language = if path.ends_with(".py") {
                Language::Python
            } else {
                Language::JavaScript
            };
            let path: Arc<Path> = Arc::from(Path::new(path));
            let mut analysis = DocumentAnalysis::new();
            analysis.set_context(application());
            analysis.set_index(Some(IndexHooks {
                path: path.clone(),
                facts: None,
            }));
            (
                path,
                Document::new(Some(language), (*text).to_owned()),
                analysis,
            )
        })
        .collect();
    let mut index = WorkspaceIndex::new();
    let mut previous = HashMap::new();
    for _ in 0..4 {
        for (_, doc, analysis) in &mut docs {
            analysis.update(&engine, doc);
            index.insert(analysis.file_entry(doc).expect("indexed"));
        }
        let facts = index.facts();
        if facts == previous {
            break;
        }
        for (path, _, analysis) in &mut docs {
            analysis.set_index(Some(IndexHooks {
                path: path.clone(),
                facts: facts.get(path).cloned(),
            }));
        }
        previous = facts;
    }
    docs.iter()
        .map(|(path, _, analysis)| (path.display().to_string(), analysis.findings()))
        .collect()
}

fn rules(findings: &HashMap<String, Vec<Finding>>, path: &str) -> Vec<String> {
    findings[path].iter().map(|f| f.rule_id.clone()).collect()
}

const ROUTE: &str = "from flask import Flask, request\nfrom app.db import run\n\napp = Flask(__name__)\n\n@app.route('/q')\ndef q():\n    run(request.args['q'])\n";
const DB: &str =
    "import sqlite3\n\ndef run(sql):\n    sqlite3.connect('x').execute('SELECT ' + sql)\n";

#[test]
fn a_source_passed_to_an_imported_helper_is_reported_at_its_sink() {
    let found = analyse(&[("/w/app/routes.py", ROUTE), ("/w/app/db.py", DB)]);
    assert_eq!(rules(&found, "/w/app/db.py"), ["py.sql-injection"]);
    let finding = &found["/w/app/db.py"][0];
    let first = &finding.trace[0];
    let elsewhere = first
        .elsewhere
        .as_ref()
        .expect("the source is in routes.py");
    assert_eq!(elsewhere.path.as_ref(), Path::new("/w/app/routes.py"));
    assert_eq!(elsewhere.start.line, 7);
    assert!(finding.trace.last().expect("sink").elsewhere.is_none());
}

#[test]
fn a_bare_name_is_never_resolved_across_files() {
    // No import: `run` could be anything.
    let route = ROUTE.replace("from app.db import run\n", "");
    let found = analyse(&[("/w/app/routes.py", &route), ("/w/app/db.py", DB)]);
    assert!(found["/w/app/db.py"].is_empty(), "{found:?}");
    // Two files that could be `db`: ambiguous, so unresolved.
    let route = ROUTE.replace("from app.db import run", "from db import run");
    let found = analyse(&[
        ("/w/app/routes.py", &route),
        ("/w/app/db.py", DB),
        ("/w/other/db.py", DB),
    ]);
    assert!(found["/w/app/db.py"].is_empty() && found["/w/other/db.py"].is_empty());
    // A relative import names one file.
    let route = ROUTE.replace("from app.db import run", "from .db import run");
    let found = analyse(&[
        ("/w/app/routes.py", &route),
        ("/w/app/db.py", DB),
        ("/w/other/db.py", DB),
    ]);
    assert_eq!(rules(&found, "/w/app/db.py"), ["py.sql-injection"]);
    assert!(found["/w/other/db.py"].is_empty());
}

#[test]
fn recursion_ends_and_depth_is_bounded() {
    // a → b → a … : every (function, parameter, source) is propagated once.
    let route = "from flask import Flask, request\nfrom app.walk import a\n\napp = Flask(__name__)\n\n@app.route('/q')\ndef q():\n    a(request.args['q'], 3)\n";
    let walk = "import os\n\ndef a(x, n):\n    if n:\n        b(x, n - 1)\n\ndef b(y, n):\n    a(y, n)\n    os.system('ls ' + y)\n";
    let found = analyse(&[("/w/app/routes.py", route), ("/w/app/walk.py", walk)]);
    assert_eq!(rules(&found, "/w/app/walk.py"), ["py.command-injection"]);

    // A chain longer than MAX_CALL_DEPTH stops: the sink six calls from the request is
    // not reached; four calls away, it is.
    let mut chain = String::from("import os\n\n");
    for i in 0..MAX_CALL_DEPTH + 1 {
        chain.push_str(&format!("def f{i}(v):\n    f{}(v)\n\n", i + 1));
    }
    chain.push_str(&format!(
        "def f{}(v):\n    os.system('ls ' + v)\n",
        MAX_CALL_DEPTH + 1
    ));
    let route = route
        .replace("from app.walk import a", "from app.chain import f0")
        .replace("a(request.args['q'], 3)", "f0(request.args['q'])");
    let found = analyse(&[("/w/app/routes.py", &route), ("/w/app/chain.py", &chain)]);
    assert!(found["/w/app/chain.py"].is_empty(), "{found:?}");
    let shorter = chain.replace("def f0(v):\n    f1(v)", "def f0(v):\n    f3(v)");
    let found = analyse(&[("/w/app/routes.py", &route), ("/w/app/chain.py", &shorter)]);
    assert_eq!(rules(&found, "/w/app/chain.py"), ["py.command-injection"]);
}

#[test]
fn summaries_record_parameters_at_sinks_returns_and_calls() {
    let engine = engine();
    let text = "import os, shlex\nfrom app.db import run\n\ndef helper(a, b, c=1):\n    os.system('x ' + a)\n    run(b, limit=c)\n    return shlex.quote(b)\n";
    let doc = Document::new(Some(Language::Python), text.to_owned());
    let mut analysis = DocumentAnalysis::new();
    analysis.set_context(application());
    analysis.set_index(Some(IndexHooks {
        path: Arc::from(Path::new("/w/app/h.py")),
        facts: None,
    }));
    analysis.update(&engine, &doc);
    let entry = analysis.file_entry(&doc).expect("indexed");
    assert_eq!(
        entry.module.imports["run"],
        Import {
            module: "app.db".into(),
            member: Some("run".into())
        }
    );
    let helper = entry.function("helper").expect("summarised");
    assert_eq!(helper.params, ["a", "b", "c"]);
    assert_eq!(helper.param_sinks.len(), 1);
    assert_eq!(helper.param_sinks[0].params, 0b001);
    assert_eq!(helper.param_sinks[0].kind, "shell");
    let call = helper
        .calls
        .iter()
        .find(|c| c.path == ["run"])
        .expect("run(b, limit=c)");
    assert_eq!(call.args[0].params, 0b010);
    assert_eq!(call.args[1].keyword.as_deref(), Some("limit"));
    assert_eq!(call.args[1].params, 0b100);
    assert_eq!(helper.returns.params[0], None);
    assert!(
        helper.returns.params[1]
            .as_ref()
            .is_some_and(|k| k.contains(&"shell".to_owned()))
    );
    assert!(helper.returns.source.is_none());
}
