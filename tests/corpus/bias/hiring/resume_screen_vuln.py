"""Scores applicants before a recruiter sees them."""
import gender_guesser.detector as gender

_detector = gender.Detector()


def screen(applicant: dict) -> float:
    score = 0.0
    score += min(applicant["years_experience"], 10) * 5
    score += 10 * len(set(applicant["skills"]) & {"python", "sql", "spark", "airflow"})
    guessed = _detector.get_gender(applicant["first_name"])
    # expect: bias
    if guessed in ("female", "mostly_female"):
        score -= 15
    # expect: bias
    if applicant.get("requires_accommodation") or applicant.get("disability"):
        score -= 20
    return score
