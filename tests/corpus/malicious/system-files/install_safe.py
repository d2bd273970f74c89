"""Installer: writes its own files, reads system facts."""
import os
import stat

PREFIX = "/opt/invoice-api"


def install_launcher(src: str):
    dest = os.path.join(PREFIX, "bin", "invoice-api")
    # expect-not: malicious
    os.chmod(dest, 0o755)


def hostname() -> str:
    # expect-not: malicious
    with open("/etc/hostname") as fh:
        return fh.read().strip()


def remove_old_config():
    # expect-not: malicious
    os.remove(os.path.join(PREFIX, "etc", "old.conf"))


def write_unit_file(text: str):
    # expect-not: malicious
    with open(os.path.join(PREFIX, "invoice-api.service"), "w") as fh:
        fh.write(text)
