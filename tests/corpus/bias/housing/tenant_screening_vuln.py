"""Rental application screening for the property-management portal."""
from dataclasses import dataclass


@dataclass
class Application:
    monthly_income: float
    rent: float
    evictions: int
    household: list[dict]  # [{"relation": "spouse", "gender": "male"}, ...]
    has_children: bool
    religion: str | None = None


def decision(app: Application) -> str:
    if app.evictions > 0 or app.monthly_income < 2.5 * app.rent:
        return "decline"
    partner = next((m for m in app.household if m["relation"] in ("spouse", "partner")), None)
    # expect: bias
    if partner and partner.get("gender") == app.household[0].get("gender"):
        return "decline"
    # expect: bias
    if app.has_children:
        return "waitlist"
    return "approve"
