//! Offline synthesis on example sets of our own, one per language family (and two shapes
//! for Python and JavaScript): each must yield a rule that flags every unsafe example,
//! no safe example, and treats every mutation of them like its original.

use bluecode_constitutions::{Category, ConstitutionSet, ExampleKind, Severity};
use bluecode_learn::{LabelledExample, Meta, Request, synthesize};
use bluecode_syntax::Language;

fn learn(
    id: &str,
    language: Language,
    cwe: &[u32],
    unsafe_code: &[&str],
    safe_code: &[&str],
) -> String {
    let example = |kind, code: &&str| LabelledExample {
        kind,
        language,
        code: (*code).to_owned(),
        origin: format!("{id}.example").into(),
        note: None,
    };
    let mut examples: Vec<LabelledExample> = unsafe_code
        .iter()
        .map(|c| example(ExampleKind::Unsafe, c))
        .collect();
    examples.extend(safe_code.iter().map(|c| example(ExampleKind::Safe, c)));
    let request = Request {
        meta: Meta {
            id: id.to_owned(),
            title: format!("Learned {id}"),
            category: Category::Vulnerability,
            cwe: cwe.to_vec(),
            severity: Severity::Warning,
            language,
        },
        examples,
        workspace: None,
        held_out: None,
    };
    let builtin = ConstitutionSet::builtin().expect("built-ins load");
    let learned = synthesize(&request, &builtin).unwrap_or_else(|e| panic!("{id}: {e}"));
    assert!(
        learned.validation.passed(),
        "{id}: {:?}\n{}",
        learned.validation.problems(),
        learned.toml
    );
    learned.toml
}

#[test]
fn python_archive_extraction_without_a_filter() {
    let toml = learn(
        "own.py.tar-extract",
        Language::Python,
        &[22],
        &[
            "import tarfile\n\ndef unpack(upload, dest):\n    with tarfile.open(upload) as tar:\n        tar.extractall(dest)\n",
            "import tarfile\n\ndef restore(path):\n    archive = tarfile.open(path)\n    archive.extractall(\"/srv/restore\")\n",
        ],
        &[
            "import tarfile\n\ndef unpack(upload, dest):\n    with tarfile.open(upload) as tar:\n        tar.extractall(dest, filter=\"data\")\n",
        ],
    );
    assert!(toml.contains("extractall"), "{toml}");
}

#[test]
fn python_shell_command_from_a_parameter() {
    learn(
        "own.py.popen",
        Language::Python,
        &[78],
        &[
            "import os\n\ndef show(branch):\n    return os.popen(\"git log \" + branch).read()\n",
            "import os\n\ndef count(folder):\n    return os.popen(f\"ls {folder} | wc -l\").read()\n",
        ],
        &[
            "import os, shlex\n\ndef show(branch):\n    return os.popen(\"git log \" + shlex.quote(branch)).read()\n",
        ],
    );
}

#[test]
fn javascript_code_evaluated_from_a_request() {
    learn(
        "own.js.function-constructor",
        Language::JavaScript,
        &[94],
        &[
            "app.post(\"/calc\", (req, res) => {\n  const fn = new Function(\"x\", req.body.formula);\n  res.json({ y: fn(2) });\n});\n",
            "function compile(expr) {\n  return new Function(\"row\", \"return \" + expr);\n}\n",
        ],
        &["function compile() {\n  return new Function(\"row\", \"return row.total\");\n}\n"],
    );
}

#[test]
fn go_sql_query_built_with_sprintf() {
    learn(
        "own.go.query",
        Language::Go,
        &[89],
        &[
            "package store\n\nimport (\n\t\"database/sql\"\n\t\"fmt\"\n)\n\nfunc Find(db *sql.DB, name string) (*sql.Rows, error) {\n\treturn db.Query(fmt.Sprintf(\"SELECT id FROM users WHERE name = '%s'\", name))\n}\n",
            "package store\n\nimport \"database/sql\"\n\nfunc Delete(db *sql.DB, id string) error {\n\t_, err := db.Query(\"DELETE FROM users WHERE id = \" + id)\n\treturn err\n}\n",
        ],
        &[
            "package store\n\nimport \"database/sql\"\n\nfunc Find(db *sql.DB, name string) (*sql.Rows, error) {\n\treturn db.Query(\"SELECT id FROM users WHERE name = $1\", name)\n}\n",
        ],
    );
}

#[test]
fn java_class_loaded_by_a_request_name() {
    learn(
        "own.java.reflection",
        Language::Java,
        &[470],
        &[
            "class Plugins {\n    Object load(javax.servlet.http.HttpServletRequest req) throws Exception {\n        return Class.forName(req.getParameter(\"plugin\")).getDeclaredConstructor().newInstance();\n    }\n}\n",
            "class Codecs {\n    Object codec(String name) throws Exception {\n        Class<?> type = Class.forName(\"com.acme.codec.\" + name);\n        return type.getDeclaredConstructor().newInstance();\n    }\n}\n",
        ],
        &[
            "class Codecs {\n    Object codec() throws Exception {\n        return Class.forName(\"com.acme.codec.Json\").getDeclaredConstructor().newInstance();\n    }\n}\n",
        ],
    );
}

#[test]
fn c_world_writable_files() {
    learn(
        "own.c.chmod-777",
        Language::C,
        &[732],
        &[
            "#include <sys/stat.h>\n\nvoid publish(const char *path) {\n    chmod(path, 0777);\n}\n",
            "#include <sys/stat.h>\n\nint share(void) {\n    return chmod(\"/var/spool/report\", 0777);\n}\n",
        ],
        &["#include <sys/stat.h>\n\nvoid publish(const char *path) {\n    chmod(path, 0640);\n}\n"],
    );
}
