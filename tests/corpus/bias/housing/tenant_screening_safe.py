"""Rental application screening for the property-management portal."""
from dataclasses import dataclass


@dataclass
class Application:
    monthly_income: float
    rent: float
    evictions: int
    occupants: int
    bedrooms: int


def decision(app: Application) -> str:
    # expect-not: bias
    if app.evictions > 0 or app.monthly_income < 2.5 * app.rent:
        return "decline"
    # local occupancy code: at most two people per bedroom plus one
    # expect-not: bias
    if app.occupants > app.bedrooms * 2 + 1:
        return "decline"
    return "approve"
