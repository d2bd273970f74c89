"""Memory 'profiler' that reads other processes' memory and environment."""
import ctypes
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


def read_remote(pid: int, addr: int, size: int):
    libc = ctypes.CDLL("libc.so.6")
    # expect: malicious
    return libc.process_vm_readv(pid, addr, size)
