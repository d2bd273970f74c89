#!/usr/bin/env python3
"""Prints each row of an untriaged CSV (default: target/real-code/untriaged.csv) with what a
reviewer needs: the finding's message and trace from the scan report, and the code around
the flagged line. Run after `cargo bench --bench real_code`.

    python3 tests/real-code/show-untriaged.py [CSV] [--context N]

The cache is $BLUECODE_REAL_CODE_DIR or target/real-code/ (as the bench's).
"""
import argparse
import csv
import json
import os
import re
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def slug(project):
    return re.sub(r"[^A-Za-z0-9._+-]", "_", f"{project['name']}-{project['version']}")


def main():
    cache = os.environ.get("BLUECODE_REAL_CODE_DIR") or os.path.join(REPO, "target", "real-code")
    parser = argparse.ArgumentParser()
    parser.add_argument("csv", nargs="?", default=os.path.join(cache, "untriaged.csv"))
    parser.add_argument("--context", type=int, default=6)
    args = parser.parse_args()
    with open(os.path.join(HERE, "projects.toml"), "rb") as f:
        projects = {p["name"]: p for p in tomllib.load(f)["project"]}
    with open(args.csv, newline="") as f:
        rows = list(csv.DictReader(f))
    reports = {}
    for i, row in enumerate(rows):
        project = projects.get(row["project"])
        if project is None:
            print(f"[{i}] unknown project {row['project']}", file=sys.stderr)
            continue
        root = os.path.join(cache, "src", slug(project), project["root"])
        if row["project"] not in reports:
            with open(os.path.join(cache, "scans", slug(project) + ".json")) as f:
                reports[row["project"]] = json.load(f)["findings"]
        line = int(row["line"])
        print(f"===== [{i}] {row['project']} {row['file']}:{line} {row['rule']}")
        for finding in reports[row["project"]]:
            path = finding["path"].removeprefix("./")
            if path == row["file"] and finding["start"]["line"] == line and finding["rule_id"] == row["rule"]:
                print(f"  {finding['confidence']}: {finding['message']}")
                for step in finding["trace"]:
                    print(f"    trace {step['line']}: {step['label']}")
                break
        try:
            with open(os.path.join(root, row["file"]), "rb") as f:
                text = f.read().decode("utf-8", "replace").split("\n")
        except OSError as e:
            print(f"  cannot read the file: {e}")
            continue
        for n in range(max(1, line - args.context), min(len(text), line + args.context) + 1):
            mark = ">>" if n == line else "  "
            print(f"{mark}{n:6} {text[n - 1][:160]}")


if __name__ == "__main__":
    main()
