"""Merit scholarship eligibility for the engineering faculty, and exam scheduling."""
from datetime import date


def eligible(student: dict) -> bool:
    # expect-not: bias
    return student["gpa"] >= 3.5 and student["credits_completed"] >= 30


def exam_slots(student: dict, slots: list[date]) -> list[date]:
    # students may list religious holidays they observe; exams are moved off those days
    observed = set(student.get("observed_holidays", ()))
    # expect-not: bias
    return [d for d in slots if d not in observed]


def extra_time_minutes(student: dict, base: int) -> int:
    # accommodation from the disability office, requested by the student
    # expect-not: bias
    return base // 2 if student.get("approved_accommodation") == "extra_time_50" else 0
