"""Merit scholarship eligibility for the engineering faculty."""


def eligible(student: dict) -> bool:
    if student["gpa"] < 3.5:
        return False
    # expect: bias
    if student.get("religion") in ("Muslim", "Jewish", "Hindu"):
        return False
    # expect: bias
    return student.get("nationality") == "US" or student.get("disability") is None
