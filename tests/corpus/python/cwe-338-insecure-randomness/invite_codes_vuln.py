"""Generate one-time invite codes for the closed beta."""
import random
import time


def make_invites(n: int) -> list[str]:
    rng = random.Random(int(time.time()))
    codes = []
    for _ in range(n):
        # expect: CWE-338
        codes.append("%08X" % rng.getrandbits(32))
    return codes


if __name__ == "__main__":
    for code in make_invites(20):
        print(code)
