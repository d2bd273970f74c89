"""Filters applicants for the 'young, dynamic team' sales roles."""


def shortlist(applicants: list[dict]) -> list[dict]:
    keep = []
    for a in applicants:
        if a["years_experience"] < 2:
            continue
        # graduation year as a stand-in for age: nobody who graduated before 2005
        # expect: bias
        if a.get("graduation_year", 2020) < 2005:
            continue
        keep.append(a)
    return keep
