//! The workspace index over real frames: the index is built in the background with
//! `$/progress`, a flow from a route in one file to a query in another is a diagnostic
//! of the query's file with the route in `relatedInformation`, and an edit in the route's
//! file — or a change on disk reported by `workspace/didChangeWatchedFiles` — updates
//! the diagnostics of the other file (pushed, or pulled after
//! `workspace/diagnostic/refresh`).

use std::time::Duration;

use serde_json::{Value, json};

use crate::client::{TestClient, file_uri};
use crate::workspace;

const ROUTES: &str = "from flask import Flask, request\n\nfrom app.queries import find_report\n\napp = Flask(__name__)\n\n\n@app.route(\"/report\")\ndef report():\n    name = request.args.get(\"name\", \"\")\n    return find_report(name)\n";

const QUERIES: &str = "import sqlite3\n\n\ndef find_report(name):\n    cursor = sqlite3.connect(\"r.db\").cursor()\n    cursor.execute(\"SELECT * FROM reports WHERE name = '\" + name + \"'\")\n    return cursor.fetchall()\n";

fn project() -> (tempfile::TempDir, std::path::PathBuf) {
    workspace(&[
        (
            "pyproject.toml",
            "[project]\nname = \"reports\"\ndependencies = [\"flask\"]\n",
        ),
        (".git/HEAD", "ref: refs/heads/main\n"),
        ("app/__init__.py", ""),
        ("app/routes.py", ROUTES),
        ("app/queries.py", QUERIES),
    ])
}

fn has_sql(diagnostics: &Value) -> bool {
    diagnostics
        .as_array()
        .is_some_and(|d| d.iter().any(|d| d["code"] == "py.sql-injection"))
}

#[test]
fn an_edit_in_the_route_file_updates_the_query_file_diagnostics() {
    let (_dir, root) = project();
    let mut client = TestClient::spawn(&root);
    client.initialize(
        json!({"debounceMs": 0, "analysis": {"index": true}}),
        json!({"window": {"workDoneProgress": true}}),
    );
    let queries = file_uri(&root.join("app/queries.py"));
    let routes = file_uri(&root.join("app/routes.py"));
    client.open(&queries, "python", 1, QUERIES);

    // The index is built in the background with progress…
    let begin = client.notification("$/progress", |p| {
        p["value"]["kind"] == "begin" && p["value"]["title"] == "Indexing the workspace"
    });
    let token = begin["token"].clone();
    client.notification("$/progress", |p| {
        p["token"] == token && p["value"]["kind"] == "end"
    });
    // …and then the route's request data reaches the query: a diagnostic of queries.py
    // whose related information starts in routes.py.
    let published = client.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == queries.as_str() && has_sql(&p["diagnostics"])
    });
    let diagnostic = published["diagnostics"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["code"] == "py.sql-injection"))
        .cloned()
        .expect("the cross-file flow");
    assert_eq!(diagnostic["range"]["start"]["line"], 5);
    let related = diagnostic["relatedInformation"].as_array().expect("path");
    assert_eq!(
        related[0]["location"]["uri"],
        routes.as_str(),
        "{related:#?}"
    );
    assert_eq!(related[0]["location"]["range"]["start"]["line"], 9);
    assert_eq!(
        related.last().expect("sink")["location"]["uri"],
        queries.as_str()
    );

    // The route starts converting the name to a number: the query file's diagnostic
    // goes, without any change to that file.
    client.open(&routes, "python", 1, ROUTES);
    client.published(&routes, 1);
    client.discard("textDocument/publishDiagnostics", |p| {
        p["uri"] == queries.as_str()
    });
    let from = ROUTES.find("return find_report(name)").expect("call") + "return find_report(".len();
    let line = ROUTES[..from].matches('\n').count() as u64;
    let column = (from - ROUTES[..from].rfind('\n').map_or(0, |i| i + 1)) as u64;
    client.change(
        &routes,
        2,
        json!([{
            "range": {"start": {"line": line, "character": column},
                      "end": {"line": line, "character": column + 4}},
            "text": "int(name)",
        }]),
    );
    client.published(&routes, 2);
    client.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == queries.as_str() && !has_sql(&p["diagnostics"])
    });
    client.discard("textDocument/publishDiagnostics", |p| {
        p["uri"] == queries.as_str()
    });

    // Undone: it comes back.
    client.change(
        &routes,
        3,
        json!([{
            "range": {"start": {"line": line, "character": column},
                      "end": {"line": line, "character": column + 9}},
            "text": "name",
        }]),
    );
    client.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == queries.as_str() && has_sql(&p["diagnostics"])
    });
    client.shutdown();
}

#[test]
fn a_file_changed_on_disk_updates_the_index_and_a_pulling_client_is_asked_to_refresh() {
    let (_dir, root) = project();
    let mut client = TestClient::spawn(&root);
    client.initialize(
        json!({"debounceMs": 0, "analysis": {"index": true}}),
        json!({"textDocument": {"diagnostic": {}},
               "workspace": {"diagnostic": {"refreshSupport": true}}}),
    );
    let queries = file_uri(&root.join("app/queries.py"));
    let routes_path = root.join("app/routes.py");
    client.open(&queries, "python", 1, QUERIES);
    // The index is built without progress (the client takes none); the pulled report
    // has the flow once the server asked for a refresh.
    let refreshed = client.saw_notification(
        "workspace/diagnostic/refresh",
        Duration::from_secs(30),
        |_| true,
    );
    assert!(refreshed, "{}", client.stderr());
    let report = client.pulled(&queries);
    assert!(has_sql(&report["items"]), "{report:#}");

    // routes.py (not open) is changed outside the editor to validate the name.
    let safe = ROUTES.replace("return find_report(name)", "return find_report(int(name))");
    client.discard("workspace/diagnostic/refresh", |_| true);
    std::fs::write(&routes_path, safe).expect("write routes.py");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&routes_path), "type": 2}]}),
    );
    assert!(client.saw_notification(
        "workspace/diagnostic/refresh",
        Duration::from_secs(30),
        |_| true,
    ));
    let report = client.pulled(&queries);
    assert!(!has_sql(&report["items"]), "{report:#}");

    // Deleted: nothing calls find_report any more.
    client.discard("workspace/diagnostic/refresh", |_| true);
    std::fs::write(&routes_path, ROUTES).expect("restore routes.py");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&routes_path), "type": 2}]}),
    );
    assert!(client.saw_notification(
        "workspace/diagnostic/refresh",
        Duration::from_secs(30),
        |_| true,
    ));
    assert!(has_sql(&client.pulled(&queries)["items"]));
    client.discard("workspace/diagnostic/refresh", |_| true);
    std::fs::remove_file(&routes_path).expect("delete routes.py");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&routes_path), "type": 3}]}),
    );
    assert!(client.saw_notification(
        "workspace/diagnostic/refresh",
        Duration::from_secs(30),
        |_| true,
    ));
    assert!(!has_sql(&client.pulled(&queries)["items"]));
    client.shutdown();
}

/// Starts a server on `root` with its cache in `cache`, waits for the index to be built
/// and for the cross-file flow to reach the opened query file; its log.
fn build_index_and_see_the_flow(root: &std::path::Path, cache: &std::path::Path) -> String {
    let mut client = TestClient::spawn_with_env(root, &[("XDG_CACHE_HOME", cache)]);
    client.initialize(
        json!({"debounceMs": 0, "analysis": {"index": true}}),
        json!({"window": {"workDoneProgress": true}}),
    );
    let begin = client.notification("$/progress", |p| {
        p["value"]["kind"] == "begin" && p["value"]["title"] == "Indexing the workspace"
    });
    let token = begin["token"].clone();
    client.notification("$/progress", |p| {
        p["token"] == token && p["value"]["kind"] == "end"
    });
    // Opened once the index is built: every file went through the build.
    let queries = file_uri(&root.join("app/queries.py"));
    client.open(&queries, "python", 1, QUERIES);
    client.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == queries.as_str() && has_sql(&p["diagnostics"])
    });
    // The build's summary line is logged before its progress ends; stderr is read by a
    // thread of its own.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let mut log = client.stderr();
    while !log.contains("workspace index built") && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        log = client.stderr();
    }
    client.shutdown();
    log
}

#[test]
fn a_reopened_workspace_reads_its_index_from_disk() {
    let (_dir, root) = project();
    let cache = tempfile::tempdir().expect("cache dir");
    // First start: the three files are analysed and stored.
    let first = build_index_and_see_the_flow(&root, cache.path());
    assert!(first.contains("reused=0"), "{first}");
    // Second start: read back (the flow is found from the stored summaries alone).
    let second = build_index_and_see_the_flow(&root, cache.path());
    assert!(second.contains("reused=3"), "{second}");
    // The route changes on disk: that file is analysed again, the other reused.
    std::fs::write(
        root.join("app/routes.py"),
        ROUTES.replace(
            "return find_report(name)",
            "return find_report(name.strip())",
        ),
    )
    .expect("edit");
    let third = build_index_and_see_the_flow(&root, cache.path());
    assert!(third.contains("reused=2"), "{third}");
}
