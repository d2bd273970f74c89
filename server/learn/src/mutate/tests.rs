//! Tests of the mutation moves: each variant parses, keeps its meaning, and is applied only
//! where the language has the construct. Depends on the parent module only.

use super::*;

fn variant(language: Language, code: &str, applied: Move) -> Option<String> {
    mutate(language, code)
        .into_iter()
        .find(|v| v.applied == applied)
        .map(|v| v.code)
}

#[test]
fn python_moves_rewrite_the_command_example() {
    let code = "import os\n\ndef ping(host):\n    os.system(\"ping -c 1 \" + host)\n";
    let py = Language::Python;
    assert_eq!(
        variant(py, code, Move::RenameLocals).as_deref(),
        Some("import os\n\ndef ping(host2):\n    os.system(\"ping -c 1 \" + host2)\n")
    );
    assert_eq!(
        variant(py, code, Move::AliasImport).as_deref(),
        Some("import os as os2\n\ndef ping(host):\n    os2.system(\"ping -c 1 \" + host)\n")
    );
    assert_eq!(
        variant(py, code, Move::FromImport).as_deref(),
        Some("from os import system\n\ndef ping(host):\n    system(\"ping -c 1 \" + host)\n")
    );
    assert_eq!(
        variant(py, code, Move::ToFString).as_deref(),
        Some("import os\n\ndef ping(host):\n    os.system(f\"ping -c 1 {host}\")\n")
    );
    assert_eq!(
        variant(py, code, Move::ToPercent).as_deref(),
        Some("import os\n\ndef ping(host):\n    os.system(\"ping -c 1 %s\" % (host,))\n")
    );
    assert_eq!(
        variant(py, code, Move::ToDotFormat).as_deref(),
        Some("import os\n\ndef ping(host):\n    os.system(\"ping -c 1 {}\".format(host))\n")
    );
    assert_eq!(
        variant(py, code, Move::SplitString).as_deref(),
        Some("import os\n\ndef ping(host):\n    os.system(\"ping \" + \"-c 1 \" + host)\n")
    );
    assert_eq!(
        variant(py, code, Move::KeywordArgument).as_deref(),
        Some("import os\n\ndef ping(host):\n    os.system(command=\"ping -c 1 \" + host)\n")
    );
    assert_eq!(
        variant(py, code, Move::ThroughHelper).as_deref(),
        Some(
            "import os\n\ndef ping(host):\n    os.system(\"ping -c 1 \" + _bc_pass2(host))\n\n\ndef _bc_pass2(value):\n    return value\n"
        )
    );
}

#[test]
fn python_values_pass_through_helpers_lambdas_and_containers() {
    let code = "import os\n\ndef run(cmd):\n    os.system(cmd)\n";
    let py = Language::Python;
    assert_eq!(
        variant(py, code, Move::ThroughHelper).as_deref(),
        Some(
            "import os\n\ndef run(cmd):\n    os.system(_bc_pass2(cmd))\n\n\ndef _bc_pass2(value):\n    return value\n"
        )
    );
    assert_eq!(
        variant(py, code, Move::ThroughLambda).as_deref(),
        Some("import os\n\ndef run(cmd):\n    os.system((lambda value: value)(cmd))\n")
    );
    assert_eq!(
        variant(py, code, Move::ThroughDict).as_deref(),
        Some("import os\n\ndef run(cmd):\n    os.system({\"value\": cmd}[\"value\"])\n")
    );
}

#[test]
fn fstrings_become_concatenations_of_str() {
    let code = "def f(name):\n    run(f\"tar {name}.tgz\")\n";
    assert_eq!(
        variant(Language::Python, code, Move::ToConcat).as_deref(),
        Some("def f(name):\n    run(\"tar \" + str(name) + \".tgz\")\n")
    );
}

#[test]
fn method_chains_inline_a_single_use_receiver() {
    let code = "def q(conn, sql):\n    cur = conn.cursor()\n    cur.execute(sql)\n";
    assert_eq!(
        variant(Language::Python, code, Move::MethodChain).as_deref(),
        Some("def q(conn, sql):\n    conn.cursor().execute(sql)\n")
    );
}

#[test]
fn javascript_moves() {
    let code = "const cp = require(\"child_process\");\nfunction run(name) {\n  cp.exec(\"ls \" + name);\n}\n";
    let js = Language::JavaScript;
    assert_eq!(
        variant(js, code, Move::FromImport).as_deref(),
        Some(
            "const { exec } = require(\"child_process\");\nfunction run(name) {\n  exec(\"ls \" + name);\n}\n"
        )
    );
    assert_eq!(
        variant(js, code, Move::ToTemplate).as_deref(),
        Some(
            "const cp = require(\"child_process\");\nfunction run(name) {\n  cp.exec(`ls ${name}`);\n}\n"
        )
    );
    let destructured = "const { exec } = require(\"child_process\");\nexec(cmd);\n";
    assert_eq!(
        variant(js, destructured, Move::AliasImport).as_deref(),
        Some("const { exec: exec2 } = require(\"child_process\");\nexec2(cmd);\n")
    );
}

#[test]
fn go_java_and_c_moves() {
    let go = "package main\n\nimport \"os/exec\"\n\nfunc run(name string) {\n\texec.Command(\"sh\", \"-c\", \"ls \" + name).Run()\n}\n";
    assert_eq!(
        variant(Language::Go, go, Move::AliasImport).as_deref(),
        Some(
            "package main\n\nimport exec2 \"os/exec\"\n\nfunc run(name string) {\n\texec2.Command(\"sh\", \"-c\", \"ls \" + name).Run()\n}\n"
        )
    );
    let formatted = variant(Language::Go, go, Move::ToFormatCall).unwrap_or_default();
    assert!(
        formatted.contains("import \"fmt\"") && formatted.contains("fmt.Sprintf(\"ls %s\", name)"),
        "{formatted}"
    );
    let java = "class A {\n  void f(String id) {\n    stmt.executeQuery(\"SELECT * FROM t WHERE id=\" + id);\n  }\n}\n";
    assert_eq!(
        variant(Language::Java, java, Move::ToFormatCall).as_deref(),
        Some(
            "class A {\n  void f(String id) {\n    stmt.executeQuery(String.format(\"SELECT * FROM t WHERE id=%s\", id));\n  }\n}\n"
        )
    );
    let helper = variant(Language::Java, java, Move::ThroughHelper).unwrap_or_default();
    assert!(helper.contains("static <T> T bcPass2(T value)"), "{helper}");
    let c = "void f(char *input) {\n  char buf[16];\n  strcpy(buf, input);\n}\n";
    assert_eq!(
        variant(Language::C, c, Move::RenameLocals).as_deref(),
        Some("void f(char *input2) {\n  char buf2[16];\n  strcpy(buf2, input2);\n}\n")
    );
}
