"""Tests and simulations that seed random for reproducibility."""
import random
import secrets

import numpy as np


def test_sampling_is_reproducible():
    # expect-not: malicious
    random.seed(42)
    # expect-not: malicious
    sample = random.sample(range(100), 5)
    assert len(sample) == 5


def simulate(n):
    rng = np.random.default_rng(7)
    # expect-not: malicious
    return rng.normal(size=n)


def pick(mapping):
    # expect-not: malicious
    key = random.choice(list(mapping))
    return mapping[key]


def real_key():
    # expect-not: malicious
    key = secrets.token_bytes(32)
    return key
