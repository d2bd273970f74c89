"""Nightly feature pipeline: partners drop their weekly extracts into an SFTP inbox."""
from pathlib import Path

import pandas as pd

INBOX = Path("/srv/sftp/partners/inbox")
OUT = Path("/srv/features")


def ingest() -> None:
    for extract in sorted(INBOX.glob("*.parquet")):
        # parquet is a columnar data format; reading it does not run code
        # expect-not: CWE-502
        df = pd.read_parquet(extract, columns=["customer_id", "week", "spend", "visits"])
        df = df.dropna(subset=["customer_id"]).drop_duplicates("customer_id")
        df.to_parquet(OUT / extract.name, index=False)
        extract.unlink()


if __name__ == "__main__":
    ingest()
