"""Annual merit-increase proposal and the pay-equity check that reviews it."""
from collections import defaultdict
from statistics import median


def merit_increase(employee: dict) -> float:
    rating = employee["rating"]  # 1..5
    # expect-not: bias
    pct = {1: 0.0, 2: 0.01, 3: 0.025, 4: 0.04, 5: 0.06}[rating]
    return round(employee["salary"] * pct, 2)


def pay_gap_report(employees: list[dict]) -> dict:
    """Median salary by level and gender, so HR can spot unexplained gaps."""
    groups = defaultdict(list)
    for e in employees:
        # expect-not: bias
        groups[(e["level"], e.get("gender", "undisclosed"))].append(e["salary"])
    return {f"{lvl}/{g}": median(v) for (lvl, g), v in sorted(groups.items()) if len(v) >= 5}
