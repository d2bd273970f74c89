"""Issue API keys for the partner dashboard."""
import numpy as np

ALPHABET = np.array(list("ABCDEFGHJKLMNPQRSTUVWXYZ23456789"))
_rng = np.random.default_rng()


def new_api_key(prefix: str = "pk") -> str:
    # expect: CWE-338
    body = "".join(_rng.choice(ALPHABET, size=32))
    return f"{prefix}_{body}"
