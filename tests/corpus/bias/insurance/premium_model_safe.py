"""Home insurance premium calculator."""
import csv

# Flood zones from the national flood-hazard map, keyed by ZIP
with open("data/flood_zones.csv", newline="") as fh:
    FLOOD_ZONE = {row["zip"]: row["zone"] for row in csv.DictReader(fh)}

ZONE_FACTOR = {"A": 1.45, "AE": 1.4, "V": 1.8, "X": 1.0}


def annual_premium(home_value: float, zip_code: str, claims_5y: int, construction: str) -> float:
    base = home_value * 0.0035
    if construction == "wood":
        base *= 1.15
    base *= 1 + 0.2 * claims_5y
    # a physical hazard of the location, not a property of the people living there
    # expect-not: bias
    base *= ZONE_FACTOR.get(FLOOD_ZONE.get(zip_code, "X"), 1.0)
    return round(base, 2)
