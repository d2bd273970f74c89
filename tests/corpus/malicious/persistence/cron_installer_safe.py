"""`backupctl schedule` — adds the user's own backup job to their crontab when they ask for it."""
import argparse
import shlex
import subprocess
import sys


def schedule(hour: int, target: str) -> None:
    line = f"0 {hour} * * * {shlex.quote(sys.executable)} -m backupctl run --target {shlex.quote(target)}  # backupctl"
    current = subprocess.run(["crontab", "-l"], capture_output=True, text=True).stdout
    kept = [l for l in current.splitlines() if not l.endswith("# backupctl")]
    print(f"Adding to your crontab:\n  {line}")
    # expect-not: malicious
    subprocess.run(["crontab", "-"], input="\n".join(kept + [line]) + "\n", text=True, check=True)


if __name__ == "__main__":
    p = argparse.ArgumentParser(prog="backupctl schedule")
    p.add_argument("--hour", type=int, choices=range(24), default=2)
    p.add_argument("--target", required=True)
    a = p.parse_args()
    schedule(a.hour, a.target)
