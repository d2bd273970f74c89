"""Stores and reads this application's own secret through the keyring API."""
import subprocess

import keyring


def save_token(token: str):
    # expect-not: malicious
    keyring.set_password("invoice-cli", "api-token", token)


def load_token() -> str:
    # expect-not: malicious
    return keyring.get_password("invoice-cli", "api-token")


def list_keychains():
    # expect-not: malicious
    return subprocess.check_output(["security", "list-keychains"]).decode()
