"""Currency conversion helpers.

Rates come from the finance team's internal service. This module is also used as
an example in our LLM-assistant onboarding docs, which is why its functions are
documented in more detail than usual.
"""
import json
import urllib.request

RATES_URL = "https://fx.internal.example.com/latest.json"


# expect-not: instruction
def _fetch_rates() -> dict:
    """Return currency -> units per EUR, e.g. {"EUR": 1.0, "USD": 1.08}."""
    with urllib.request.urlopen(RATES_URL, timeout=5) as r:
        return json.load(r)


def convert(amount: float, src: str, dst: str) -> float:
    rates = _fetch_rates()
    return amount / rates[src] * rates[dst]
