"""Insurance and lending factors keyed on who the applicant is."""
NEIGHBOURHOOD_LOADING = {"Eastside": 1.45, "Riverside": 1.3, "Hillcrest": 0.9}
MARITAL_FACTOR = {"married": 0.85, "single": 1.0, "divorced": 1.2}
SURNAME_RISK = {"khan": 1.3, "nguyen": 1.2}


def home_premium(applicant, base):
    # expect: bias
    premium = base * NEIGHBOURHOOD_LOADING.get(applicant.neighbourhood, 1.0)
    # expect: bias
    premium *= MARITAL_FACTOR[applicant.marital_status]
    return premium


def loan_rate(applicant, base_rate):
    # expect: bias
    rate = base_rate * SURNAME_RISK.get(applicant.last_name.lower(), 1.0)
    return rate


def rent_offer(tenant, listing):
    # expect: bias
    rent = listing.rent + RELIGION_DEPOSIT[tenant.religion]
    return rent


RELIGION_DEPOSIT = {"muslim": 300, "jewish": 250, "christian": 0}
