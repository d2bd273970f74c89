"""'Tidy-up' step that erases traces."""
import os
import subprocess
from pathlib import Path


def forget_history():
    # expect: malicious
    open(os.path.expanduser("~/.bash_history"), "w").close()


def drop_auth_log():
    # expect: malicious
    os.remove("/var/log/auth.log")


def zsh():
    # expect: malicious
    Path.home().joinpath(".zsh_history").unlink()


def truncate_wtmp():
    # expect: malicious
    os.truncate("/var/log/wtmp", 0)


def audit_off():
    # expect: malicious
    subprocess.run(["auditctl", "-e", "0"])
