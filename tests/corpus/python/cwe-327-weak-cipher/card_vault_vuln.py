"""Encrypt stored payment card numbers at rest."""
import base64
import os

from Crypto.Cipher import DES
from Crypto.Util.Padding import pad, unpad

KEY = bytes.fromhex(os.environ["CARD_VAULT_KEY"])[:8]


def seal(pan: str) -> str:
    # expect: CWE-327
    cipher = DES.new(KEY, DES.MODE_ECB)
    return base64.b64encode(cipher.encrypt(pad(pan.encode(), 8))).decode()


def unseal(token: str) -> str:
    # expect: CWE-327
    cipher = DES.new(KEY, DES.MODE_ECB)
    return unpad(cipher.decrypt(base64.b64decode(token)), 8).decode()
