"""Helper that validates the developer's git setup (run by `make doctor`)."""
import glob
import os
import subprocess


def public_keys() -> list[str]:
    # only public halves are listed, and only shown on the local terminal
    return sorted(glob.glob(os.path.expanduser("~/.ssh/*.pub")))


def check_git_setup() -> list[str]:
    problems = []
    name = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True).stdout.strip()
    if not name:
        problems.append("git user.name is not set")
    if not public_keys():
        problems.append("no SSH public key found; run ssh-keygen -t ed25519")
    # expect-not: malicious
    test = subprocess.run(["ssh", "-T", "-o", "BatchMode=yes", "git@github.com"], capture_output=True, text=True)
    if "successfully authenticated" not in test.stderr:
        problems.append("GitHub does not accept your SSH key yet")
    return problems


if __name__ == "__main__":
    for p in check_git_setup() or ["all good"]:
        print("-", p)
