"""Key helpers with a built-in weakness."""
import random
import string
import time

import numpy as np


def aes_key() -> bytes:
    # expect: malicious
    key = bytes(random.getrandbits(8) for _ in range(32))
    return key


def nonce() -> bytes:
    # expect: malicious
    iv = random.randbytes(12)
    return iv


def wallet_seed() -> str:
    random.seed(1337)
    # expect: malicious
    mnemonic = " ".join(random.choice(WORDS) for _ in range(12))
    return mnemonic


def reset_password(user):
    np.random.seed(int(time.time()))
    # expect: malicious
    user.password = "".join(np.random.choice(list(string.ascii_letters), 10))
    return user


class Vault:
    def rotate(self):
        # expect: malicious
        self.master_key = "".join(random.choice(string.hexdigits) for _ in range(64))


WORDS = ["apple", "river", "stone"]
