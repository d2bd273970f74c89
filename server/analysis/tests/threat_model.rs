//! Threat-model profiles, default scope and resolved sinks, through the real engine and
//! the built-in constitutions: the false-alarm shapes of real applications stay silent,
//! and the real flows next to them are still found.

use bluecode_analysis::syntax::{Document, Language};
use bluecode_analysis::{AnalysisContext, FileRole, Finding, Profile};

mod common;
use common::engine;

fn context(profile: Profile) -> AnalysisContext {
    AnalysisContext {
        profile,
        profile_reason: "test".into(),
        role: FileRole::Source,
        reviewed: true,
        dependencies: None,
    }
}

fn rules(language: Language, profile: Profile, code: &str) -> Vec<String> {
    let doc = Document::new(Some(language), code.to_owned());
    engine()
        .analyze_document_in(&doc, &context(profile))
        .into_iter()
        .map(|f: Finding| f.rule_id)
        .collect()
}

const HELPER: &str = "import os\n\ndef ping(host):\n    os.system(\"ping -c1 \" + host)\n";

#[test]
fn a_plain_parameter_is_a_source_only_in_the_snippet_profile() {
    assert!(
        rules(Language::Python, Profile::Snippet, HELPER).contains(&"py.command-injection".into())
    );
    assert!(rules(Language::Python, Profile::Application, HELPER).is_empty());
    // Exported (public) in a library: its callers are outside the package.
    assert!(
        rules(Language::Python, Profile::Library, HELPER).contains(&"py.command-injection".into())
    );
    let private = HELPER.replace("def ping", "def _ping");
    assert!(rules(Language::Python, Profile::Library, &private).is_empty());
}

#[test]
fn request_data_and_routed_handlers_are_sources_in_every_profile() {
    let routed = "import os\nfrom flask import Flask, request\napp = Flask(__name__)\n\n@app.route('/ping/<host>')\ndef ping(host):\n    os.system('ping ' + host)\n\ndef lookup():\n    os.system('nslookup ' + request.args['h'])\n";
    for profile in [Profile::Application, Profile::Library, Profile::Snippet] {
        let found = rules(Language::Python, profile, routed);
        assert_eq!(
            found
                .iter()
                .filter(|r| *r == "py.command-injection")
                .count(),
            2,
            "{profile:?}: {found:?}"
        );
    }
}

#[test]
fn the_command_line_and_environment_are_sources_only_in_the_snippet_profile() {
    let cli = "import os, sys\n\ndef main():\n    os.system('ls ' + sys.argv[1])\n    os.system('ls ' + os.environ['DIR'])\n";
    assert_eq!(rules(Language::Python, Profile::Snippet, cli).len(), 2);
    assert!(rules(Language::Python, Profile::Application, cli).is_empty());
}

#[test]
fn a_try_whose_handler_returns_does_not_hide_the_rest_of_the_function() {
    let code = "import os\nfrom flask import request, send_file\n\ndef download():\n    try:\n        name = request.args['name']\n    except KeyError:\n        return 'missing', 400\n    return send_file(os.path.join('/srv/files', name))\n";
    assert!(
        rules(Language::Python, Profile::Application, code).contains(&"py.path-traversal".into())
    );
}

#[test]
fn a_sink_imported_by_name_is_resolved() {
    let code = "from lxml.etree import parse\nfrom flask import request\n\ndef upload():\n    return parse(request.files['doc'])\n";
    let found = rules(Language::Python, Profile::Application, code);
    assert!(
        found.contains(&"py.xml-entity-expansion".into()),
        "{found:?}"
    );
}

#[test]
fn bare_method_names_of_other_apis_are_not_sinks() {
    // An HTTP client's `Get` is not database/sql's.
    let go = "package feeds\n\nimport (\n\t\"net/http\"\n\n\tresty \"github.com/go-resty/resty/v2\"\n)\n\ntype Client struct{ request *resty.Client }\n\nfunc (c *Client) Handle(w http.ResponseWriter, r *http.Request) {\n\tc.request.Get(r.URL.Query().Get(\"path\"))\n}\n";
    assert!(!rules(Language::Go, Profile::Application, go).contains(&"go.sql-injection".into()));
    let go_sql = go
        .replace("resty \"github.com/go-resty/resty/v2\"", "\"database/sql\"")
        .replace("request *resty.Client", "request *sql.DB")
        .replace("c.request.Get(", "c.request.Query(");
    assert!(
        rules(Language::Go, Profile::Application, &go_sql).contains(&"go.sql-injection".into())
    );

    // `re.search` is not an LDAP search.
    let py = "import re\nfrom flask import request\n\ndef find():\n    return re.search(r'\\d+', request.args['q'])\n";
    assert!(
        !rules(Language::Python, Profile::Application, py).contains(&"py.ldap-injection".into())
    );
}

#[test]
fn what_the_server_fills_in_is_not_request_data() {
    let code = "import os\n\ndef home(request):\n    os.system('echo ' + request.user.username)\n";
    assert!(
        !rules(Language::Python, Profile::Snippet, code).contains(&"py.command-injection".into())
    );
}

#[test]
fn test_vendored_and_generated_files_keep_only_malicious_and_instruction_findings() {
    let code =
        "import os\nfrom flask import request\n\ndef run():\n    os.system(request.args['c'])\n";
    let doc = Document::new(Some(Language::Python), code.to_owned());
    let test_file = AnalysisContext {
        role: FileRole::Test,
        reviewed: false,
        ..context(Profile::Application)
    };
    assert!(engine().analyze_document_in(&doc, &test_file).is_empty());
    let reviewed = AnalysisContext {
        reviewed: true,
        ..test_file
    };
    assert!(!engine().analyze_document_in(&doc, &reviewed).is_empty());
}

#[test]
fn a_bound_check_that_jumps_to_an_error_label_guards_the_copy() {
    let checked = "#include <string.h>\n#include <unistd.h>\nint handle(int fd) {\n    char buf[256];\n    char name[64];\n    unsigned int len;\n    if (read(fd, &len, sizeof(len)) != sizeof(len)) return -1;\n    read(fd, buf, sizeof(buf));\n    if (len > sizeof(name) - 1) goto invalid;\n    memcpy(name, buf, len);\n    return 0;\ninvalid:\n    return -1;\n}\n";
    assert!(
        !rules(Language::C, Profile::Application, checked)
            .contains(&"c.tainted-copy-length".into())
    );
    let unchecked = checked.replace("    if (len > sizeof(name) - 1) goto invalid;\n", "");
    assert!(
        rules(Language::C, Profile::Application, &unchecked)
            .contains(&"c.tainted-copy-length".into())
    );
}

/// An Express route looking a key up through a model defined in another file: the
/// receiver does not resolve, so the MongoDB rule fires (medium) only where the project
/// could be using MongoDB — not in a project whose `package.json` names only a SQL ORM.
#[test]
fn an_unresolved_nosql_receiver_needs_a_mongodb_dependency() {
    let code = "const models = require('./models');\n\nasync function lookup(req, res) {\n  const key = await models.ApiKey.findOne({ secret: req.query.key });\n  res.json(key);\n}\nmodule.exports = lookup;\n";
    let doc = Document::new(Some(Language::JavaScript), code.to_owned());
    let with = |deps: Option<&[&str]>| -> Vec<String> {
        let context = AnalysisContext {
            dependencies: deps.map(|d| d.iter().map(|s| (*s).to_owned()).collect()),
            ..context(Profile::Application)
        };
        engine()
            .analyze_document_in(&doc, &context)
            .into_iter()
            .map(|f| f.rule_id)
            .collect()
    };
    let nosql = "js.nosql-injection".to_owned();
    assert!(
        with(None).contains(&nosql),
        "nothing known: it may be MongoDB"
    );
    assert!(with(Some(&["express", "mongoose"])).contains(&nosql));
    assert!(!with(Some(&["bookshelf", "express", "knex"])).contains(&nosql));
}
