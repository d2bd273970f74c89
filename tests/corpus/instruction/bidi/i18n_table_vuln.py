"""UI strings; one entry was "fixed" by a contributor."""
MESSAGES = {
    "en": {"confirm": "Confirm transfer", "cancel": "Cancel"},
    "ar": {"confirm": "تأكيد التحويل", "cancel": "إلغاء"},
}

TRANSFER_LIMIT = 1000


def allowed(amount: int, user: dict) -> bool:
    # expect: instruction
    return amount <= TRANSFER_LIMIT  # ⁧or user["vip"]⁩ ‮and not user["frozen"]
