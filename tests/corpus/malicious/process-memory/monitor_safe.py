"""Process monitor: own memory, other processes' CPU and command lines."""
import os


def own_rss() -> int:
    # expect-not: malicious
    with open("/proc/self/status") as fh:
        return next(int(l.split()[1]) for l in fh if l.startswith("VmRSS"))


def cpu_of(pid: int) -> int:
    # expect-not: malicious
    with open(f"/proc/{pid}/stat") as fh:
        return int(fh.read().split()[13])


def cmdline(pid: int) -> str:
    # expect-not: malicious
    return open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode()


def own_env() -> bytes:
    # expect-not: malicious
    return open("/proc/self/environ", "rb").read()
