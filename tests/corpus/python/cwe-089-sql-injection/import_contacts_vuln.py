#!/usr/bin/env python3
"""Load a CRM contacts export (CSV) into the local reporting database."""
import csv
import sqlite3
import sys


def load(csv_path: str, db_path: str) -> int:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE IF NOT EXISTS contacts (email TEXT PRIMARY KEY, name TEXT, company TEXT)")
    count = 0
    with open(csv_path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            stmt = "INSERT OR REPLACE INTO contacts VALUES ('{email}', '{name}', '{company}');".format(**row)
            # expect: CWE-89
            conn.executescript(stmt)
            count += 1
    conn.commit()
    return count


if __name__ == "__main__":
    n = load(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "reporting.db")
    print(f"imported {n} contacts")
