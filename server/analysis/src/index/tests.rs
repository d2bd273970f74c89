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
    analyse_in(files, &[])
}

/// [`analyse`] with Go modules: (the folder of a `go.mod`, its module path).
fn analyse_in(
    files: &[(&str, &str)],
    go_modules: &[(&str, &str)],
) -> HashMap<String, Vec<Finding>> {
    let engine = engine();
    let mut docs: Vec<(Arc<Path>, Document, DocumentAnalysis)> = files
        .iter()
        .map(|(path, text)| {
            let language = Language::from_path(Path::new(path)).expect("a code file");
            let path: Arc<Path> = Arc::from(Path::new(path));
            let mut analysis = DocumentAnalysis::new();
            let role = if path.components().any(|c| c.as_os_str() == "tests") {
                FileRole::Test
            } else {
                FileRole::Source
            };
            analysis.set_context(AnalysisContext {
                role,
                reviewed: role == FileRole::Source,
                ..application()
            });
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
    for (root, module) in go_modules {
        index.set_go_module(Arc::from(Path::new(root)), (*module).to_owned());
    }
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

/// Where each finding of `rule` in `path` starts (byte offsets).
fn starts(findings: &HashMap<String, Vec<Finding>>, path: &str, rule: &str) -> Vec<usize> {
    findings
        .get(path)
        .into_iter()
        .flatten()
        .filter(|f| f.rule_id == rule)
        .map(|f| f.range.start)
        .collect()
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
fn a_test_calling_a_helper_with_a_request_is_no_entry_point() {
    // The test builds the request itself: nothing an attacker sends reaches `run` there.
    let test = ROUTE.replace("@app.route('/q')\ndef q():", "def test_q():");
    let found = analyse(&[("/w/tests/test_routes.py", &test), ("/w/app/db.py", DB)]);
    assert!(found["/w/app/db.py"].is_empty(), "{found:?}");
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

const GO_HANDLER: &str = "package web\n\nimport (\n\t\"net/http\"\n\n\t\"example.com/shop/store\"\n)\n\nfunc Search(w http.ResponseWriter, r *http.Request) {\n\tstore.Find(r.URL.Query().Get(\"q\"))\n}\n";
const GO_STORE: &str = "package store\n\nimport \"database/sql\"\n\nvar db *sql.DB\n\nfunc Find(q string) {\n\tdb.Query(\"SELECT * FROM t WHERE a = '\" + q + \"'\")\n}\n";

#[test]
fn go_calls_resolve_by_import_path_and_package_only() {
    let files = [
        ("/w/shop/web/h.go", GO_HANDLER),
        ("/w/shop/store/find.go", GO_STORE),
    ];
    let modules = [("/w/shop", "example.com/shop")];
    let found = analyse_in(&files, &modules);
    assert_eq!(rules(&found, "/w/shop/store/find.go"), ["go.sql-injection"]);
    // Without the go.mod the import path names no folder.
    let found = analyse_in(&files, &[]);
    assert!(found["/w/shop/store/find.go"].is_empty(), "{found:?}");
    // A bare name is of the caller's own package: not store's Find.
    let bare = GO_HANDLER
        .replace("store.Find(", "Find(")
        .replace("\n\n\t\"example.com/shop/store\"\n", "\n");
    let found = analyse_in(&[("/w/shop/web/h.go", &bare), files[1]], &modules);
    assert!(found["/w/shop/store/find.go"].is_empty(), "{found:?}");
    // … and there it resolves across the package's files.
    let same = GO_STORE.replace("package store", "package web");
    let found = analyse_in(
        &[("/w/shop/web/h.go", &bare), ("/w/shop/web/find.go", &same)],
        &modules,
    );
    assert_eq!(rules(&found, "/w/shop/web/find.go"), ["go.sql-injection"]);
    // Two files of the package defining it: ambiguous, unresolved.
    let found = analyse_in(
        &[
            ("/w/shop/web/h.go", &bare),
            ("/w/shop/web/find.go", &same),
            ("/w/shop/web/find2.go", &same),
        ],
        &modules,
    );
    assert!(found["/w/shop/web/find.go"].is_empty() && found["/w/shop/web/find2.go"].is_empty());
}

#[test]
fn go_methods_resolve_through_declared_receiver_types() {
    let handler = "package web\n\nimport (\n\t\"net/http\"\n\n\t\"example.com/shop/store\"\n)\n\ntype H struct {\n\trepo *store.Repo\n}\n\nfunc (h *H) Search(w http.ResponseWriter, r *http.Request) {\n\th.repo.Find(r.URL.Query().Get(\"q\"))\n}\n\nfunc Other(w http.ResponseWriter, r *http.Request, repo *store.Other) {\n\trepo.Find(r.URL.Query().Get(\"q\"))\n}\n";
    let repo = "package store\n\nimport \"database/sql\"\n\ntype Repo struct {\n\tdb *sql.DB\n}\n\nfunc (s *Repo) Find(q string) {\n\ts.db.Query(\"SELECT * FROM t WHERE a = '\" + q + \"'\")\n}\n\ntype Other struct {\n\tdb *sql.DB\n}\n\nfunc (s *Other) Find(q string) {\n\ts.db.Exec(\"DELETE FROM t WHERE a = '\" + q + \"'\")\n}\n";
    let found = analyse_in(
        &[
            ("/w/shop/web/h.go", handler),
            ("/w/shop/store/repo.go", repo),
        ],
        &[("/w/shop", "example.com/shop")],
    );
    // Both `Find`s are reached, each through its own receiver type (a struct field's,
    // a parameter's): two findings, one per method.
    let lines: Vec<u32> = found["/w/shop/store/repo.go"]
        .iter()
        .map(|f| {
            f.trace
                .last()
                .and_then(|s| s.elsewhere.as_ref())
                .map_or(0, |l| l.start.line)
        })
        .collect();
    assert_eq!(
        found["/w/shop/store/repo.go"].len(),
        2,
        "{found:?} {lines:?}"
    );
    // With the field typed as the other struct, only its method is reached.
    let other = handler.replace("repo *store.Repo\n}", "repo *store.Other\n}");
    let found = analyse_in(
        &[
            ("/w/shop/web/h.go", &other),
            ("/w/shop/store/repo.go", repo),
        ],
        &[("/w/shop", "example.com/shop")],
    );
    assert_eq!(rules(&found, "/w/shop/store/repo.go"), ["go.sql-injection"]);
    assert!(found["/w/shop/store/repo.go"][0].message.contains("Exec"));
}

const JAVA_CONTROLLER: &str = "package com.acme.web;\n\nimport org.springframework.web.bind.annotation.*;\nimport com.acme.service.Svc;\n\n@RestController\npublic class C {\n    private Svc svc;\n\n    @GetMapping(\"/q\")\n    public void q(@RequestParam String q) {\n        svc.run(q);\n    }\n}\n";
const JAVA_SERVICE: &str = "package com.acme.service;\n\nimport org.springframework.jdbc.core.JdbcTemplate;\n\npublic class Svc {\n    private JdbcTemplate jdbc;\n\n    public void run(String q) {\n        jdbc.update(\"DELETE FROM t WHERE a = '\" + q + \"'\");\n    }\n}\n";

#[test]
fn java_calls_resolve_by_import_package_and_arity() {
    let service_elsewhere =
        JAVA_SERVICE.replace("package com.acme.service", "package com.acme.other");
    let found = analyse(&[
        ("/w/src/com/acme/web/C.java", JAVA_CONTROLLER),
        ("/w/src/com/acme/service/Svc.java", JAVA_SERVICE),
        ("/w/src/com/acme/other/Svc.java", &service_elsewhere),
    ]);
    // The import names the package: only its Svc is reached.
    assert_eq!(
        rules(&found, "/w/src/com/acme/service/Svc.java"),
        ["java.sql-injection"]
    );
    assert!(found["/w/src/com/acme/other/Svc.java"].is_empty());
    // Without the import, `Svc` would be of the controller's package, which has none.
    let unimported = JAVA_CONTROLLER.replace("import com.acme.service.Svc;\n", "");
    let found = analyse(&[
        ("/w/src/com/acme/web/C.java", &unimported),
        ("/w/src/com/acme/service/Svc.java", JAVA_SERVICE),
    ]);
    assert!(
        found["/w/src/com/acme/service/Svc.java"].is_empty(),
        "{found:?}"
    );
    // A static call of a class of the same package.
    let statically = unimported.replace("svc.run(q)", "Svc.run(q)");
    let same_package = JAVA_SERVICE
        .replace("package com.acme.service", "package com.acme.web")
        .replace(
            "private JdbcTemplate jdbc;",
            "private static JdbcTemplate jdbc;",
        )
        .replace("public void run", "public static void run");
    let found = analyse(&[
        ("/w/src/com/acme/web/C.java", &statically),
        ("/w/src/com/acme/web/Svc.java", &same_package),
    ]);
    assert_eq!(
        rules(&found, "/w/src/com/acme/web/Svc.java"),
        ["java.sql-injection"]
    );
    // Overloads: the one with the call's arity.
    let overloaded = JAVA_SERVICE.replace(
        "    public void run(String q) {",
        "    public void run(String q, String r) {\n        jdbc.update(\"DELETE FROM u WHERE a = '\" + q + \"'\");\n    }\n\n    public void run(String q) {",
    );
    let found = analyse(&[
        ("/w/src/com/acme/web/C.java", JAVA_CONTROLLER),
        ("/w/src/com/acme/service/Svc.java", &overloaded),
    ]);
    let hits = &found["/w/src/com/acme/service/Svc.java"];
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(hits[0].message.contains("FROM t"), "{hits:?}");
}

const C_MAIN: &str = "#include <unistd.h>\n\nvoid parse(char *dst, const unsigned char *rec);\n\nint main(void) {\n    unsigned char buf[256];\n    char out[16];\n    read(0, buf, sizeof(buf));\n    parse(out, buf);\n    return 0;\n}\n";
const C_PARSER: &str = "#include <string.h>\n\nvoid parse(char *dst, const unsigned char *rec) {\n    size_t len = rec[0];\n    memcpy(dst, rec + 1, len);\n}\n";

#[test]
fn c_global_functions_cross_files_only_when_one_file_defines_them_and_not_static() {
    let found = analyse(&[("/w/main.c", C_MAIN), ("/w/parser.c", C_PARSER)]);
    assert_eq!(rules(&found, "/w/parser.c"), ["c.tainted-copy-length"]);
    assert_eq!(
        found["/w/parser.c"][0].trace[0]
            .elsewhere
            .as_ref()
            .map(|l| l.path.as_ref()),
        Some(Path::new("/w/main.c"))
    );
    // A `static` function is its file's own.
    let private = C_PARSER.replace("void parse(", "static void parse(");
    let found = analyse(&[("/w/main.c", C_MAIN), ("/w/parser.c", &private)]);
    assert!(found["/w/parser.c"].is_empty(), "{found:?}");
    // Two files defining it: the linker would refuse; the index does not guess.
    let found = analyse(&[
        ("/w/main.c", C_MAIN),
        ("/w/parser.c", C_PARSER),
        ("/w/legacy/parser.c", C_PARSER),
    ]);
    assert!(found["/w/parser.c"].is_empty() && found["/w/legacy/parser.c"].is_empty());
    // A static one elsewhere does not make the global one ambiguous.
    let found = analyse(&[
        ("/w/main.c", C_MAIN),
        ("/w/parser.c", C_PARSER),
        ("/w/legacy/parser.c", &private),
    ]);
    assert_eq!(rules(&found, "/w/parser.c"), ["c.tainted-copy-length"]);
    assert!(found["/w/legacy/parser.c"].is_empty());
}

#[test]
fn js_methods_resolve_through_the_class_that_made_the_receiver() {
    let route = "const express = require('express');\nconst Sitemaps = require('./sitemaps');\nconst sitemaps = new Sitemaps();\nconst app = express();\napp.get('/s/:kind', (req, res) => {\n    res.send(sitemaps.render(req.params.kind));\n});\n";
    // The kind picks one of the manager's own documents: nothing of it is echoed.
    let picks = "class Sitemaps {\n    constructor() { this.posts = '<urlset/>'; }\n    render(kind) {\n        return this[kind];\n    }\n}\nmodule.exports = Sitemaps;\n";
    let found = analyse(&[("/w/app/routes.js", route), ("/w/app/sitemaps.js", picks)]);
    assert!(found["/w/app/routes.js"].is_empty(), "{found:?}");
    // The kind is written into the document: reported at the route (a summary that
    // returns its argument as it is tells the caller nothing new: "passed through").
    let echoes = picks.replace(
        "return this[kind];",
        "return '<urlset>' + kind + '</urlset>';",
    );
    let found = analyse(&[("/w/app/routes.js", route), ("/w/app/sitemaps.js", &echoes)]);
    assert_eq!(rules(&found, "/w/app/routes.js"), ["js.reflected-xss"]);
    // Built inside the handler, the same.
    let local = route
        .replace("const sitemaps = new Sitemaps();\n", "")
        .replace(
            "    res.send(",
            "    const sitemaps = new Sitemaps();\n    res.send(",
        );
    let found = analyse(&[("/w/app/routes.js", &local), ("/w/app/sitemaps.js", picks)]);
    assert!(found["/w/app/routes.js"].is_empty(), "{found:?}");
}

#[test]
fn go_methods_resolve_on_what_a_constructor_of_the_package_returns() {
    let handler = "package web\n\nimport (\n\t\"database/sql\"\n\t\"net/http\"\n\n\t\"example.com/shop/store\"\n)\n\nfunc Search(w http.ResponseWriter, r *http.Request, db *sql.DB) {\n\trepo, err := store.NewRepo(db)\n\tif err != nil {\n\t\treturn\n\t}\n\trepo.Find(r.URL.Query().Get(\"q\"))\n}\n";
    let repo = "package store\n\nimport \"database/sql\"\n\ntype Repo struct {\n\tdb *sql.DB\n}\n\nfunc NewRepo(db *sql.DB) (*Repo, error) {\n\treturn &Repo{db: db}, nil\n}\n\nfunc (s *Repo) Find(q string) {\n\ts.db.Query(\"SELECT * FROM t WHERE a = '\" + q + \"'\")\n}\n\ntype Audit struct {\n\tdb *sql.DB\n}\n\nfunc NewAudit(db *sql.DB) *Audit {\n\treturn &Audit{db: db}\n}\n\nfunc (s *Audit) Find(q string) {\n\ts.db.Query(\"SELECT * FROM audit WHERE a = ?\", q)\n}\n";
    let modules = [("/w/shop", "example.com/shop")];
    let found = analyse_in(
        &[
            ("/w/shop/web/h.go", handler),
            ("/w/shop/store/repo.go", repo),
        ],
        &modules,
    );
    assert_eq!(rules(&found, "/w/shop/store/repo.go"), ["go.sql-injection"]);
    // The other constructor's type binds its query: nothing reported.
    let audit = handler.replace("store.NewRepo(db)", "store.NewAudit(db), error(nil)");
    let found = analyse_in(
        &[
            ("/w/shop/web/h.go", &audit),
            ("/w/shop/store/repo.go", repo),
        ],
        &modules,
    );
    assert!(found["/w/shop/store/repo.go"].is_empty(), "{found:?}");
}

#[test]
fn python_methods_resolve_through_the_imported_class_that_made_the_receiver() {
    let route = "from flask import Flask, request\nfrom app.store import Reports\n\napp = Flask(__name__)\nreports = Reports()\n\n@app.route('/q')\ndef q():\n    return reports.find(request.args['q'])\n\n@app.route('/local')\ndef local():\n    mine = Reports()\n    return mine.find(request.args['q'])\n";
    let store = "import sqlite3\n\nclass Reports:\n    def find(self, name):\n        return sqlite3.connect('r.db').execute(\"SELECT * FROM r WHERE n = '\" + name + \"'\")\n";
    let found = analyse(&[("/w/app/routes.py", route), ("/w/app/store.py", store)]);
    assert_eq!(rules(&found, "/w/app/store.py"), ["py.sql-injection"]);
    // A function of the same name is no class: nothing resolves through it.
    let function = "import sqlite3\n\ndef Reports():\n    return None\n\ndef find(name):\n    return sqlite3.connect('r.db').execute(\"SELECT * FROM r WHERE n = '\" + name + \"'\")\n";
    let found = analyse(&[("/w/app/routes.py", route), ("/w/app/store.py", function)]);
    assert!(found["/w/app/store.py"].is_empty(), "{found:?}");
}

#[test]
fn a_reader_of_a_descriptor_returns_a_source_only_to_callers_passing_no_local_file() {
    let reader = r#"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *drain(int fd, size_t *size) {
    char chunk[1024];
    char *all = NULL;
    ssize_t got = 1;
    while (got > 0) {
        got = read(fd, chunk, sizeof chunk);
        if (got > 0) {
            char *bigger = realloc(all, *size + got);
            if (!bigger)
                exit(1);
            all = bigger;
            memcpy(all + *size, chunk, got);
            *size += got;
        }
    }
    return all;
}
"#;
    let callers = r#"
#include <fcntl.h>
#include <unistd.h>

char *drain(int fd, size_t *size);

int forget_listed_socket(const char *listing) {
    size_t len = 0;
    int fd = open(listing, O_RDONLY);
    if (fd < 0)
        return -1;
    char *name = drain(fd, &len);
    close(fd);
    return unlink(name);
}

int forget_socket_of_child(void) {
    size_t len = 0;
    int ends[2];
    if (pipe(ends))
        return -1;
    char *name = drain(ends[0], &len);
    return unlink(name);
}

int forget_socket_named_by_peer(int peer) {
    size_t len = 0;
    char *name = drain(peer, &len);
    return unlink(name);
}
"#;
    let findings = analyse(&[("src/drain.c", reader), ("src/sockets.c", callers)]);
    let at = starts(&findings, "src/sockets.c", "c.path-traversal");
    // Only the peer's descriptor carries outside data.
    let peer = callers
        .rfind("unlink(name)")
        .expect("the last caller's sink");
    assert_eq!(at, vec![peer], "{findings:#?}");
}

#[test]
fn an_entry_a_helper_looks_up_in_the_store_its_caller_passes_is_the_stores() {
    let helpers = r#"
export function findUpload(id, uploads, res) {
  try {
    return uploads.get(id);
  } catch (e) {
    res.status(404).send("no such upload");
    return null;
  }
}
"#;
    let routes = r#"
const express = require("express");
const path = require("path");
const fs = require("fs");
import { findUpload } from "./helpers";
const app = express();
const uploads = new Map();

app.delete("/upload", (req, res) => {
  const { id } = req.body;
  const upload = findUpload(id, uploads, res);
  if (!upload) return;
  fs.unlinkSync(path.join("/srv/uploads", upload.folder));
  res.send("ok");
});

app.get("/upload", (req, res) => {
  const found = findUpload(req.query.id, req.app.locals.uploads, res);
  fs.unlinkSync(path.join("/srv/uploads", req.query.id));
  res.send(found);
});
"#;
    let findings = analyse(&[("/w/src/helpers.js", helpers), ("/w/src/routes.js", routes)]);
    let at = starts(&findings, "/w/src/routes.js", "js.path-traversal");
    // The looked-up entry's folder is the store's; the request's own id is not.
    let direct = routes
        .rfind("fs.unlinkSync")
        .expect("the second route's sink");
    assert_eq!(at, vec![direct], "{findings:#?}");
}

/// The index's facts after one analysis of `files` in `context`: which paths get any.
fn paths_with_facts(files: &[(&str, &str)], context: AnalysisContext) -> Vec<String> {
    let engine = engine();
    let mut index = WorkspaceIndex::new();
    for (path, text) in files {
        let language = Language::from_path(Path::new(path)).expect("a code file");
        let doc = Document::new(Some(language), (*text).to_owned());
        let mut analysis = DocumentAnalysis::new();
        analysis.set_context(context.clone());
        analysis.set_index(Some(IndexHooks {
            path: Arc::from(Path::new(path)),
            facts: None,
        }));
        analysis.update(&engine, &doc);
        index.insert(analysis.file_entry(&doc).expect("indexed"));
    }
    let mut paths: Vec<String> = index
        .facts()
        .keys()
        .map(|p| p.display().to_string())
        .collect();
    paths.sort();
    paths
}

#[test]
fn a_callees_summary_reaches_only_callers_whose_call_can_carry_a_source() {
    let text = "import html\n\ndef clean(text):\n    return html.escape(text)\n";
    // A sink beside a call of a sanitizer on a constant: what `clean` returns changes
    // nothing there, so the file is not analysed again for it.
    let constant = "import sqlite3\nfrom app.text import clean\n\ndef report(db):\n    sqlite3.connect(db).execute('SELECT ' + clean('x'))\n";
    let files = [("/w/app/text.py", text), ("/w/app/report.py", constant)];
    assert!(paths_with_facts(&files, application()).is_empty());
    // In the library profile the exported function's parameter is a source.
    let parameter = constant.replace("clean('x')", "clean(db)");
    let files = [
        ("/w/app/text.py", text),
        ("/w/app/report.py", parameter.as_str()),
    ];
    assert!(paths_with_facts(&files, application()).is_empty());
    let library = AnalysisContext {
        profile: Profile::Library,
        ..application()
    };
    assert_eq!(paths_with_facts(&files, library), ["/w/app/report.py"]);
    // A request value passed to it (which `clean` hears of too).
    let request = "import sqlite3\nfrom flask import Flask, request\nfrom app.text import clean\n\napp = Flask(__name__)\n\n@app.route('/r')\ndef report():\n    sqlite3.connect('x').execute('SELECT ' + clean(request.args['q']))\n";
    let files = [("/w/app/text.py", text), ("/w/app/report.py", request)];
    assert_eq!(
        paths_with_facts(&files, application()),
        ["/w/app/report.py", "/w/app/text.py"]
    );
}
