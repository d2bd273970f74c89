"""`vault seal <archive>`: encrypt one backup archive the user chose, with their passphrase."""
import argparse
import base64
import getpass
import os
from pathlib import Path

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC


def key_from(passphrase: str, salt: bytes) -> bytes:
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=600_000)
    return base64.urlsafe_b64encode(kdf.derive(passphrase.encode()))


def seal(archive: Path) -> Path:
    salt = os.urandom(16)
    f = Fernet(key_from(getpass.getpass("Passphrase: "), salt))
    out = archive.with_suffix(archive.suffix + ".vault")
    # expect-not: malicious
    out.write_bytes(salt + f.encrypt(archive.read_bytes()))
    print(f"wrote {out}; the original {archive.name} was left in place")
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(prog="vault seal")
    ap.add_argument("archive", type=Path)
    seal(ap.parse_args().archive)
