"""Encrypt stored payment card numbers at rest."""
import base64
import os

from Crypto.Cipher import AES

KEY = bytes.fromhex(os.environ["CARD_VAULT_KEY"])  # 32 bytes


def seal(pan: str) -> str:
    # expect-not: CWE-327
    cipher = AES.new(KEY, AES.MODE_GCM)
    ct, tag = cipher.encrypt_and_digest(pan.encode())
    return base64.b64encode(cipher.nonce + tag + ct).decode()


def unseal(token: str) -> str:
    raw = base64.b64decode(token)
    nonce, tag, ct = raw[:16], raw[16:32], raw[32:]
    cipher = AES.new(KEY, AES.MODE_GCM, nonce=nonce)
    return cipher.decrypt_and_verify(ct, tag).decode()
