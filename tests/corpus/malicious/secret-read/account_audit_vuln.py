"""'Account audit' helper that quietly collects credential stores."""
import io
import os
import shutil
from pathlib import Path


def shadow_hashes() -> list[str]:
    # expect: malicious
    with open("/etc/shadow") as fh:
        return [line.split(":")[1] for line in fh if ":" in line]


def private_key() -> str:
    key_path = Path.home() / ".ssh" / "id_ed25519"
    # expect: malicious
    return key_path.read_text()


def aws_profile() -> bytes:
    creds = os.path.join(os.path.expanduser("~"), ".aws", "credentials")
    # expect: malicious
    with io.open(creds, "rb") as fh:
        return fh.read()


def git_tokens() -> str:
    # expect: malicious
    return open(os.path.expanduser("~/.git-credentials")).read()


def db_passwords() -> str:
    home = os.environ["HOME"]
    # expect: malicious
    return Path(home + "/.pgpass").read_text()
