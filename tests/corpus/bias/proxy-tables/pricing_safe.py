"""Tables keyed by what the decision is about."""
ZONE_SHIPPING = {"remote": 14.0, "urban": 4.0}
TIER_DISCOUNT = {"gold": 0.8, "silver": 0.9}
CONSTRUCTION_FACTOR = {"brick": 0.9, "timber": 1.3}


def shipping(order):
    # expect-not: bias
    fee = ZONE_SHIPPING.get(order.zone, 6.0)
    return fee


def price(order):
    # expect-not: bias
    price = order.subtotal * TIER_DISCOUNT.get(order.loyalty_tier, 1.0)
    return price


def home_premium(policy, base):
    # expect-not: bias
    premium = base * CONSTRUCTION_FACTOR[policy.construction]
    return premium
