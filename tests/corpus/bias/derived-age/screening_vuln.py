"""Hiring, lending and insurance rules on age worked out from birth dates."""
from datetime import date, datetime


def screen(candidate):
    # expect: bias
    if (date.today() - candidate.birth_date).days / 365.25 > 45:
        return "reject"
    return "interview"


def loan(applicant):
    # expect: bias
    if datetime.now().year - applicant.birth_year >= 60:
        return {"approved": False}
    return {"approved": applicant.income > 30000}


def premium(member, base):
    age = (date.today() - member.dob).days // 365
    # expect: bias
    premium = base * (1 + age / 40)
    return premium


def promotion(employee):
    # expect: bias
    if employee.date_of_birth < date(1970, 1, 1):
        return False
    return employee.rating >= 4
