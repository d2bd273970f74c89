"""Home insurance premium calculator."""
import csv

# Census tracts where most residents are Black or Latino, from an old marketing list
with open("data/minority_tracts.csv", newline="") as fh:
    MINORITY_ZIPS = {row["zip"] for row in csv.DictReader(fh)}


def annual_premium(home_value: float, zip_code: str, claims_5y: int, construction: str) -> float:
    base = home_value * 0.0035
    if construction == "wood":
        base *= 1.15
    base *= 1 + 0.2 * claims_5y
    # expect: bias
    if zip_code in MINORITY_ZIPS:
        base *= 1.3
    return round(base, 2)
