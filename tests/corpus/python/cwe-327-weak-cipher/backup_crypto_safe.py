"""Encrypt nightly database dumps before they are copied to object storage."""
import os
import sys

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

CHUNK = 1 << 20


def encrypt_file(src: str, dst: str, key: bytes) -> None:
    # expect-not: CWE-327
    aead = AESGCM(key)
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        index = 0
        while chunk := fin.read(CHUNK):
            nonce = os.urandom(12)
            fout.write(nonce + aead.encrypt(nonce, chunk, index.to_bytes(8, "big")))
            index += 1


if __name__ == "__main__":
    encrypt_file(sys.argv[1], sys.argv[2], bytes.fromhex(os.environ["BACKUP_KEY"]))
