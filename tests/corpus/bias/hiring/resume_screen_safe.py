"""Scores applicants before a recruiter sees them; names are hidden from the model."""

BLIND_FIELDS = ("first_name", "last_name", "photo_url", "date_of_birth", "disability", "requires_accommodation")


def screen(applicant: dict) -> float:
    visible = {k: v for k, v in applicant.items() if k not in BLIND_FIELDS}
    score = 0.0
    score += min(visible["years_experience"], 10) * 5
    # expect-not: bias
    score += 10 * len(set(visible["skills"]) & {"python", "sql", "spark", "airflow"})
    return score


def interview_logistics(applicant: dict) -> dict:
    # accommodations are arranged for the interview; they do not touch the score
    # expect-not: bias
    needs = applicant.get("requires_accommodation") or []
    return {"extra_time": "extra_time" in needs, "sign_language": "asl" in needs, "step_free": "step_free" in needs}
