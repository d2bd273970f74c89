"""Proof-of-work throttle for the public signup form (client puzzle, verified server-side)."""
import hashlib
import os

DIFFICULTY_BITS = 18


def new_challenge() -> str:
    return os.urandom(16).hex()


def verify(challenge: str, nonce: int) -> bool:
    # expect-not: malicious
    h = hashlib.sha256(bytes.fromhex(challenge) + nonce.to_bytes(8, "big")).digest()
    return int.from_bytes(h, "big") >> (256 - DIFFICULTY_BITS) == 0
