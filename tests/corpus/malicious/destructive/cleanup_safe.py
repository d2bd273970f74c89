"""Nightly backup rotation: keep the newest 14 archives in our own backup folder."""
from pathlib import Path

BACKUP_DIR = Path("/var/backups/invoice-db")
KEEP = 14


def rotate() -> list[Path]:
    archives = sorted(BACKUP_DIR.glob("invoice-db-*.sql.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
    removed = []
    for old in archives[KEEP:]:
        # expect-not: malicious
        old.unlink()
        removed.append(old)
    return removed


if __name__ == "__main__":
    for p in rotate():
        print("removed", p.name)
