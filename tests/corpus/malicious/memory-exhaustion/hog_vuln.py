"""Allocation and disk 'benchmarks' without an end."""
import os


def eat_memory():
    blocks = []
    # expect: malicious
    while True:
        blocks.append(" " * 10**8)


def grow():
    buf = b""
    # expect: malicious
    while 1:
        buf += b"x" * 1048576


def fill_disk(path):
    with open(path, "wb") as fh:
        # expect: malicious
        while True:
            fh.write(os.urandom(1 << 20))
