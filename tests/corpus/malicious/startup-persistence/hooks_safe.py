"""Project setup: uses the repository's own hooks folder, reads system files."""
import os
import subprocess


def use_repo_hooks():
    # expect-not: malicious
    subprocess.run(["git", "config", "core.hooksPath", ".githooks"], check=True)


def list_hooks(repo: str):
    # expect-not: malicious
    return sorted(os.listdir(os.path.join(repo, ".git", "hooks")))


def show_rc_local():
    # expect-not: malicious
    with open("/etc/rc.local") as fh:
        return fh.read()


def write_own_profile(home: str):
    # expect-not: malicious
    with open(os.path.join(home, ".config", "invoice-cli", "profile.toml"), "w") as fh:
        fh.write("region = 'eu'\n")
