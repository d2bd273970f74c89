"""Filters applicants for sales roles."""

REQUIRED_LICENSES = {"series-7"}


def shortlist(applicants: list[dict]) -> list[dict]:
    keep = []
    for a in applicants:
        if a["years_experience"] < 2:
            continue
        # a licence the regulator requires for the role
        # expect-not: bias
        if not REQUIRED_LICENSES <= set(a.get("licenses", ())):
            continue
        keep.append(a)
    return keep
