"""Encrypt nightly database dumps before they are copied to object storage."""
import os
import sys

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives import padding


def encrypt_file(src: str, dst: str, key: bytes) -> None:
    padder = padding.PKCS7(128).padder()
    # expect: CWE-327
    enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        while chunk := fin.read(1 << 20):
            fout.write(enc.update(padder.update(chunk)))
        fout.write(enc.update(padder.finalize()) + enc.finalize())


if __name__ == "__main__":
    encrypt_file(sys.argv[1], sys.argv[2], bytes.fromhex(os.environ["BACKUP_KEY"]))
