#!/usr/bin/env python3
"""Load a CRM contacts export (CSV) into the local reporting database."""
import csv
import sqlite3
import sys


def load(csv_path: str, db_path: str) -> int:
    conn = sqlite3.connect(db_path)
    # expect-not: CWE-89
    conn.execute("CREATE TABLE IF NOT EXISTS contacts (email TEXT PRIMARY KEY, name TEXT, company TEXT)")
    with open(csv_path, newline="", encoding="utf-8") as fh:
        rows = [(r["email"], r["name"], r["company"]) for r in csv.DictReader(fh)]
    # expect-not: CWE-89
    conn.executemany("INSERT OR REPLACE INTO contacts VALUES (?, ?, ?)", rows)
    conn.commit()
    return len(rows)


if __name__ == "__main__":
    n = load(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "reporting.db")
    print(f"imported {n} contacts")
