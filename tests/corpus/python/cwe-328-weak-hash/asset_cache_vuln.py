"""Signed download links for private assets."""
import hashlib
import time

SECRET = None  # loaded from the environment at startup


def configure(secret: str) -> None:
    global SECRET
    SECRET = secret


def sign_link(path: str, ttl: int = 600) -> str:
    expires = int(time.time()) + ttl
    # expect: CWE-328
    sig = hashlib.sha1(f"{SECRET}{path}{expires}".encode()).hexdigest()
    return f"{path}?expires={expires}&sig={sig}"


def check_link(path: str, expires: int, sig: str) -> bool:
    if expires < time.time():
        return False
    # expect: CWE-328
    return sig == hashlib.sha1(f"{SECRET}{path}{expires}".encode()).hexdigest()
