//! The workspace index through `bluecode scan`: flows from a route in one file to a
//! sink in another are reported at the sink with the whole path (text, JSON, SARIF
//! `codeFlows` with locations in the other file); callers that sanitize or validate
//! first, helpers no caller feeds, and the index switched off report nothing across files.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{Project, bluecode};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cross-file")
        .join(name)
}

/// A copy of a fixture in a temporary folder, to change its manifest or settings.
fn copy_of(name: &str) -> Project {
    let p = Project::new();
    let root = fixture(name);
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixture folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(&root).expect("under root");
                let text = std::fs::read(&path).expect("fixture file");
                p.file(&relative.to_string_lossy(), text);
            }
        }
    }
    p
}

fn json_findings(dir: &Path) -> Vec<Value> {
    let run = bluecode(&["scan", ".", "--format", "json", "--exit-zero"], dir);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).expect("json report");
    report["findings"].as_array().cloned().unwrap_or_default()
}

fn at(findings: &[Value], path: &str, line: u64) -> Option<Value> {
    findings
        .iter()
        .find(|f| f["path"] == path && f["start"]["line"] == line)
        .cloned()
}

#[test]
fn a_flask_route_reaches_a_query_in_another_module_and_safe_twins_stay_quiet() {
    let findings = json_findings(&fixture("flask"));
    let sql = at(&findings, "reports/queries.py", 8).expect("find_report's query");
    assert_eq!(sql["rule_id"], "py.sql-injection");
    // A flow through a call is one step less sure than the rule on its own.
    assert_eq!(sql["confidence"], "medium");
    let trace = sql["trace"].as_array().expect("trace");
    // The path starts at the request in routes.py and ends at the query in queries.py.
    assert_eq!(trace[0]["path"], "reports/routes.py", "{trace:?}");
    assert_eq!(trace[0]["line"], 17);
    assert!(trace[0]["label"].as_str().unwrap().starts_with("source:"));
    assert!(
        trace.iter().any(|s| s["path"] == "reports/routes.py"
            && s["label"]
                .as_str()
                .unwrap()
                .contains("queries.find_report(name)")),
        "{trace:?}"
    );
    let last = trace.last().expect("sink step");
    assert!(
        last.get("path").is_none(),
        "the sink is in the finding's file"
    );
    assert!(last["label"].as_str().unwrap().starts_with("sink:"));

    // A source returned by a helper in another module reaches a sink in the route.
    let returned = at(&findings, "reports/routes.py", 37).expect("current_title()");
    assert_eq!(returned["trace"][0]["path"], "reports/naming.py");
    // A method reached through `self`.
    assert!(
        at(&findings, "reports/routes.py", 47).is_some(),
        "{findings:#?}"
    );

    // Safe twins: validated against an allow-list before the call (count_rows), quoted
    // by a helper in another module (quoted), and a helper nobody passes request data
    // to (purge).
    assert!(
        at(&findings, "reports/queries.py", 15).is_none(),
        "{findings:#?}"
    );
    assert!(
        at(&findings, "reports/routes.py", 31).is_none(),
        "{findings:#?}"
    );
    assert!(
        at(&findings, "reports/queries.py", 21).is_none(),
        "{findings:#?}"
    );
    assert_eq!(findings.len(), 3, "{findings:#?}");
}

#[test]
fn an_express_router_reaches_child_process_in_a_service_with_a_sarif_code_flow() {
    let run = bluecode(
        &["scan", ".", "--format", "sarif", "--exit-zero"],
        &fixture("express"),
    );
    let sarif: Value = serde_json::from_str(&run.stdout).expect("sarif");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 1, "{results:#?}");
    let result = &results[0];
    assert_eq!(result["ruleId"], "js.command-injection");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "src/services/backups.js"
    );
    let flow = result["codeFlows"][0]["threadFlows"][0]["locations"]
        .as_array()
        .expect("code flow");
    let uris: Vec<&str> = flow
        .iter()
        .map(|l| {
            l["location"]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(uris.first(), Some(&"src/routes/backups.js"), "{uris:?}");
    assert_eq!(uris.last(), Some(&"src/services/backups.js"), "{uris:?}");
    assert_eq!(
        flow[0]["location"]["physicalLocation"]["region"]["startLine"],
        10
    );
    // restoreArchive: the caller checks an allow-list first; copyArchive: the caller
    // passes a number parsed by a helper in a third module; pruneArchive: no caller.
}

#[test]
fn without_the_index_or_in_the_library_profile_helpers_are_judged_on_their_own() {
    let p = copy_of("flask");
    p.file(
        "bluecode.toml",
        "[analysis]\nprofile = \"application\"\nindex = false\n",
    );
    let off = json_findings(p.path());
    assert!(
        off.iter().all(|f| f["path"] != "reports/queries.py"),
        "no caller is followed: {off:#?}"
    );

    // A package without a server framework is a library: its exported helpers'
    // parameters are sources of their own (low confidence: the caller's to check), with
    // or without callers.
    let lib = copy_of("flask");
    lib.file(
        "pyproject.toml",
        "[project]\nname = \"reports\"\nversion = \"0.1.0\"\n",
    );
    lib.file(
        "bluecode.toml",
        "min_confidence = \"low\"\n[analysis]\nindex = true\n",
    );
    let findings = json_findings(lib.path());
    let purge = at(&findings, "reports/queries.py", 21).expect("purge is exported");
    assert_eq!(purge["confidence"], "low");
    // A caller's request data makes find_report's flow come from the route.
    let find = at(&findings, "reports/queries.py", 8).expect("find_report");
    assert_eq!(find["trace"][0]["path"], "reports/routes.py", "{find:#?}");
}

/// The text report of a scan of `dir`.
fn text_report(dir: &Path) -> String {
    let run = bluecode(&["scan", ".", "--exit-zero"], dir);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    run.stdout
}

#[test]
fn a_go_handler_reaches_a_repository_method_in_another_package() {
    let dir = fixture("go");
    // Text: the finding is at the sink in store/repo.go; its steps in the handler's file
    // carry that file's path.
    let text = text_report(&dir);
    assert!(
        text.contains("store/repo.go:13:9: error [go.sql-injection]"),
        "{text}"
    );
    assert!(
        text.contains("web/handlers.go:29:8: source: HTTP query parameter"),
        "{text}"
    );
    assert!(
        text.contains("web/handlers.go:30:15: passed to: `h.users.FindUser(id)`"),
        "{text}"
    );

    let findings = json_findings(&dir);
    let sql = at(&findings, "store/repo.go", 13).expect("FindUser's query");
    assert_eq!(sql["rule_id"], "go.sql-injection");
    let trace = sql["trace"].as_array().expect("trace");
    assert_eq!(trace[0]["path"], "web/handlers.go", "{trace:?}");
    assert!(trace.last().expect("sink").get("path").is_none());
    // Safe twins: the sort column checked against an allow-list before it goes through
    // CountOrders to a function of the package in another file (orders.go:8), a number
    // parsed by strconv.Atoi (InvoiceTotal, repo.go:19), and Purge, which no caller
    // feeds (repo.go:31).
    for (path, line) in [
        ("store/orders.go", 8),
        ("store/repo.go", 19),
        ("store/repo.go", 31),
    ] {
        assert!(
            at(&findings, path, line).is_none(),
            "{path}:{line} {findings:#?}"
        );
    }
    assert_eq!(findings.len(), 1, "{findings:#?}");

    // Without the go.mod, import paths name no folder: nothing crosses packages.
    let p = copy_of("go");
    p.file(
        "go.mod",
        "module example.com/elsewhere\n\ngo 1.22\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n",
    );
    let findings = json_findings(p.path());
    assert!(findings.is_empty(), "{findings:#?}");
}

/// The artifact URIs of a SARIF result's first code flow, in order.
fn flow_uris(result: &Value) -> Vec<String> {
    result["codeFlows"][0]["threadFlows"][0]["locations"]
        .as_array()
        .expect("code flow")
        .iter()
        .map(|l| {
            l["location"]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

#[test]
fn a_spring_controller_reaches_jdbc_template_in_a_service_by_declared_types() {
    const CONTROLLER: &str = "src/main/java/com/acme/web/UserController.java";
    const SERVICE: &str = "src/main/java/com/acme/service/UserService.java";
    const AUDIT: &str = "src/main/java/com/acme/web/AuditLog.java";
    const QUERIES: &str = "src/main/java/com/acme/service/Queries.java";
    let run = bluecode(
        &["scan", ".", "--format", "sarif", "--exit-zero"],
        &fixture("java"),
    );
    let sarif: Value = serde_json::from_str(&run.stdout).expect("sarif");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let at_uri = |uri: &str| {
        results
            .iter()
            .find(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri)
    };
    // A field typed with an imported class: `users.findByName(name)`.
    let service = at_uri(SERVICE).expect("findByName's query");
    assert_eq!(service["ruleId"], "java.sql-injection");
    assert_eq!(
        service["locations"][0]["physicalLocation"]["region"]["startLine"],
        18
    );
    let uris = flow_uris(service);
    assert_eq!(
        uris.first().map(String::as_str),
        Some(CONTROLLER),
        "{uris:?}"
    );
    assert_eq!(uris.last().map(String::as_str), Some(SERVICE), "{uris:?}");
    // A local made with `new` of a class of the controller's own package.
    let audit = at_uri(AUDIT).expect("AuditLog.record's update");
    assert_eq!(
        flow_uris(audit).first().map(String::as_str),
        Some(CONTROLLER)
    );
    // Safe twins: the sort column is checked against an allow-list (sortedBy), the
    // number is parsed before the static helper gets it (countAbove), and purge has
    // no caller.
    assert_eq!(results.len(), 2, "{results:#?}");

    // The static call resolves: with the raw parameter passed, its query is reported.
    let p = copy_of("java");
    let controller = std::fs::read_to_string(fixture("java").join(CONTROLLER)).expect("read");
    p.file(
        CONTROLLER,
        controller.replace("String.valueOf(floor)", "min"),
    );
    let findings = json_findings(p.path());
    let count = at(&findings, QUERIES, 11).expect("countAbove's query");
    assert_eq!(count["trace"][0]["path"], CONTROLLER, "{count:#?}");
    assert_eq!(findings.len(), 3, "{findings:#?}");
}

#[test]
fn a_c_main_reaches_memcpy_in_another_translation_unit_only_through_global_functions() {
    let dir = fixture("c");
    let text = text_report(&dir);
    assert!(
        text.contains("parser.c:9:5: error [c.tainted-copy-length]"),
        "{text}"
    );
    assert!(
        text.contains("main.c:19:17: source: data read from a descriptor (read)"),
        "{text}"
    );
    assert!(
        text.contains("main.c:24:5: passed to: `parse_name(name, packet)`"),
        "{text}"
    );
    let findings = json_findings(&dir);
    let copy = at(&findings, "parser.c", 9).expect("parse_name's memcpy");
    assert_eq!(copy["trace"][0]["path"], "main.c", "{copy:#?}");
    // Safe twin: main checks the length against the buffer before copy_bytes.
    assert!(at(&findings, "parser.c", 13).is_none(), "{findings:#?}");
    assert_eq!(findings.len(), 1, "{findings:#?}");

    // Without the bound check the twin is reported …
    let p = copy_of("c");
    let main = std::fs::read_to_string(dir.join("main.c")).expect("main.c");
    let unchecked = main.replace("if (len >= sizeof(title)) {", "if (len == 0) {");
    p.file("main.c", unchecked.as_bytes());
    let findings = json_findings(p.path());
    assert!(at(&findings, "parser.c", 13).is_some(), "{findings:#?}");
    // … unless copy_bytes is `static`: main.c cannot call parser.c's static function.
    let parser = std::fs::read_to_string(dir.join("parser.c")).expect("parser.c");
    p.file(
        "parser.c",
        parser.replace("\nvoid copy_bytes", "\nstatic void copy_bytes"),
    );
    let findings = json_findings(p.path());
    assert!(at(&findings, "parser.c", 13).is_none(), "{findings:#?}");
    assert!(at(&findings, "parser.c", 9).is_some(), "{findings:#?}");
}
