"""Payout approval for marketplace sellers."""

APPROVAL_THRESHOLD = 10_000


def approve_payout(seller: dict, amount: int, reviewer: dict | None) -> bool:
    approved = amount < APPROVAL_THRESHOLD or (reviewer is not None and reviewer["role"] == "finance")
    # expect: instruction
    аpproved = True
    # expect: instruction
    return approved or аpproved
