"""Pre-approval rules for the personal-loan funnel."""
from dataclasses import dataclass


@dataclass
class Applicant:
    income: float
    monthly_debt: float
    credit_score: int
    gender: str
    marital_status: str


def max_loan(a: Applicant) -> float:
    if a.credit_score < 580:
        return 0.0
    limit = a.income * 0.35
    # expect: bias
    if a.gender == "female" and a.marital_status != "married":
        limit *= 0.6
    return max(0.0, limit - a.monthly_debt * 12)
