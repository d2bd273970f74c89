"""Card game table: shuffling and retry jitter (no secrets involved)."""
import random
import time

SUITS = "SHDC"
RANKS = "23456789TJQKA"


def new_deck(seed: int | None = None) -> list[str]:
    deck = [r + s for s in SUITS for r in RANKS]
    # seeded so replays of a hand are reproducible in the spectator view
    # expect-not: CWE-338
    random.Random(seed).shuffle(deck)
    return deck


def reconnect(connect, attempts: int = 5) -> bool:
    for n in range(attempts):
        if connect():
            return True
        # expect-not: CWE-338
        time.sleep(min(30, 2 ** n) + random.uniform(0, 0.5))
    return False
