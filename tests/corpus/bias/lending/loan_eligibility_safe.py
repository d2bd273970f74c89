"""Pre-approval rules for the personal-loan funnel."""
from dataclasses import dataclass


@dataclass
class Applicant:
    income: float
    monthly_debt: float
    credit_score: int
    gender: str          # collected only for fair-lending (HMDA-style) monitoring
    marital_status: str  # idem


def max_loan(a: Applicant) -> float:
    if a.credit_score < 580:
        return 0.0
    # expect-not: bias
    limit = a.income * 0.35
    return max(0.0, limit - a.monthly_debt * 12)


def monitoring_record(a: Applicant, approved: bool) -> dict:
    # demographic fields go to the fair-lending audit table, never into the decision
    # expect-not: bias
    return {"gender": a.gender, "marital_status": a.marital_status, "approved": approved}
