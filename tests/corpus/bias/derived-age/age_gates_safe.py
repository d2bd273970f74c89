"""Legal age checks and tenure: age itself is what the rule is about."""
from datetime import date


def can_buy_alcohol(customer, legal_age=18):
    age = (date.today() - customer.birth_date).days // 365
    # expect-not: bias
    return age >= legal_age


def birthday_greeting(user):
    # expect-not: bias
    if user.birth_date.month == date.today().month and user.birth_date.day == date.today().day:
        return f"Happy birthday, {user.name}!"
    return None


def tenure_bonus(employee, base):
    years = (date.today() - employee.start_date).days // 365
    # expect-not: bias
    bonus = base * (1 + years / 20)
    return bonus
