#!/usr/bin/env python3
"""dbbackup: dump one database to a compressed file (run from cron or by hand)."""
import argparse
import gzip
import shutil
import subprocess
from datetime import date


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("database")
    ap.add_argument("--out", default="/var/backups/pg")
    args = ap.parse_args()
    target = f"{args.out}/{args.database}-{date.today():%Y%m%d}.sql.gz"
    # expect-not: CWE-78
    dump = subprocess.Popen(["pg_dump", "--no-owner", "--", args.database], stdout=subprocess.PIPE)
    with gzip.open(target, "wb") as out:
        shutil.copyfileobj(dump.stdout, out)
    raise SystemExit(dump.wait())


if __name__ == "__main__":
    main()
