"""Sysadmin helper: restarts our own service and stops our own workers."""
import os
import signal
import subprocess

import psutil

PIDFILE = "/run/invoice-worker.pid"


def restart():
    # expect-not: malicious
    subprocess.run(["systemctl", "restart", "invoice-worker.service"], check=True)


def stop_worker():
    with open(PIDFILE) as fh:
        pid = int(fh.read())
    # expect-not: malicious
    os.kill(pid, signal.SIGTERM)


def stop_children():
    for child in psutil.Process().children(recursive=True):
        # expect-not: malicious
        child.terminate()


def reload_gunicorn():
    # expect-not: malicious
    subprocess.run(["pkill", "-HUP", "-f", "gunicorn: master \\[invoice\\]"])
