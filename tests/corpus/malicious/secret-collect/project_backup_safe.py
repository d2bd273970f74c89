"""Backs up the project's own data folders."""
import os
import shutil
import tarfile

DATA = "/srv/invoice-api/data"


def backup(dest: str) -> str:
    # expect-not: malicious
    archive = shutil.make_archive(os.path.join(dest, "data"), "gztar", DATA)
    return archive


def list_ssh_config_dir():
    # expect-not: malicious
    return os.listdir(os.path.expanduser("~/.config/invoice-api"))


def pack_logs(dest: str):
    with tarfile.open(os.path.join(dest, "logs.tgz"), "w:gz") as tar:
        # expect-not: malicious
        tar.add("/var/log/invoice-api", arcname="logs")


def copy_public_key(dest: str):
    # expect-not: malicious
    shutil.copy(os.path.expanduser("~/.ssh/id_ed25519.pub"), dest)
