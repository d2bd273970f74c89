"""Deployment helper: connects with the configured key, reads its own settings."""
import os
import tomllib
from pathlib import Path

import paramiko

CONFIG = Path.home() / ".config" / "deployer" / "config.toml"


def settings() -> dict:
    # expect-not: malicious
    with open(CONFIG, "rb") as fh:
        return tomllib.load(fh)


def connect(host: str) -> paramiko.SSHClient:
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    # expect-not: malicious
    pkey = paramiko.Ed25519Key.from_private_key_file(os.path.expanduser("~/.ssh/id_ed25519"))
    client.connect(host, username="deploy", pkey=pkey)
    return client


def public_key() -> str:
    # expect-not: malicious
    return (Path.home() / ".ssh" / "id_ed25519.pub").read_text().strip()


def has_aws_profile() -> bool:
    # expect-not: malicious
    return os.path.exists(os.path.expanduser("~/.aws/config"))
