#!/usr/bin/env python3
"""dbbackup: dump one database to a compressed file (run from cron or by hand)."""
import argparse
import subprocess
from datetime import date


def build_command(db: str, out_dir: str, extra: list[str]) -> str:
    target = f"{out_dir}/{db}-{date.today():%Y%m%d}.sql.gz"
    return " ".join(["pg_dump", *extra, db, "|", "gzip", ">", target])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("database")
    ap.add_argument("--out", default="/var/backups/pg")
    ap.add_argument("--pg-opt", action="append", default=[])
    args = ap.parse_args()
    cmd = build_command(args.database, args.out, args.pg_opt)
    # expect: CWE-78
    raise SystemExit(subprocess.call(cmd, shell=True))


if __name__ == "__main__":
    main()
