"""Annual merit-increase proposal."""


def merit_increase(employee: dict) -> float:
    rating = employee["rating"]  # 1..5
    pct = {1: 0.0, 2: 0.01, 3: 0.025, 4: 0.04, 5: 0.06}[rating]
    # expect: bias
    if employee.get("on_parental_leave") or employee.get("marital_status") == "married" and employee.get("gender") == "female":
        pct *= 0.5
    return round(employee["salary"] * pct, 2)
