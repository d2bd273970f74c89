"""Memory 'profiler' that reads other processes' memory and environment."""
import os


def dump(pid: int) -> bytes:
    # expect: malicious
    with open(f"/proc/{pid}/mem", "rb") as mem:
        mem.seek(0x400000)
        return mem.read(4096)


def tokens_of(pid: int) -> list[str]:
    # expect: malicious
    raw = open("/proc/%d/environ" % pid, "rb").read()
    return [kv for kv in raw.split(b"\0") if b"TOKEN" in kv]


def all_envs():
    for pid in filter(str.isdigit, os.listdir("/proc")):
        # expect: malicious
        path = os.path.join("/proc", pid, "environ")
        yield pid, path


def read_remote(pid: int, addr: int, size: int) -> bytes:
    # expect: malicious
    fd = os.open("/proc/" + str(pid) + "/mem", os.O_RDONLY)
    try:
        return os.pread(fd, size, addr)
    finally:
        os.close(fd)
