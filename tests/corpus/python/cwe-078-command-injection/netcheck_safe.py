#!/usr/bin/env python3
"""netcheck: tiny ops helper that pings a list of hosts and prints latency."""
import argparse
import re
import shlex
import subprocess
import sys

RTT = re.compile(r"time=([\d.]+) ms")


def ping(host: str, count: int) -> float | None:
    # we keep the shell because operators paste this into runbooks; quote the host
    cmd = "ping -c %d -W 2 %s" % (count, shlex.quote(host))
    try:
        # expect-not: CWE-78
        out = subprocess.check_output(cmd, shell=True, text=True, stderr=subprocess.STDOUT)
    except subprocess.CalledProcessError:
        return None
    times = [float(t) for t in RTT.findall(out)]
    return sum(times) / len(times) if times else None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("hosts", nargs="+")
    parser.add_argument("-c", "--count", type=int, default=3)
    args = parser.parse_args()
    for host in args.hosts:
        rtt = ping(host, args.count)
        print(f"{host:30} {'down' if rtt is None else f'{rtt:.1f} ms'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
