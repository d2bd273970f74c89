"""Operator tasks run from a shell on the server: the command line is the operator's."""
import os
import subprocess
import sys


def rotate_logs(directory):
    # expect-not: CWE-78
    subprocess.run("gzip -9 " + directory + "/*.log", shell=True, check=False)


def main():
    target = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("LOG_DIR", "/var/log/shop")
    # expect-not: CWE-78
    os.system("du -sh " + target)
    rotate_logs(target)


if __name__ == "__main__":
    main()
