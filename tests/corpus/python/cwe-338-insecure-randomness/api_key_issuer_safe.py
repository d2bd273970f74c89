"""Issue API keys for the partner dashboard."""
import random
import string

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
# SystemRandom draws from os.urandom, so it is suitable for secrets
_sysrand = random.SystemRandom()


def new_api_key(prefix: str = "pk") -> str:
    # expect-not: CWE-338
    body = "".join(_sysrand.choice(ALPHABET) for _ in range(32))
    return f"{prefix}_{body}"
