"""Role checks for the document service, plus a helper for RTL-safe labels."""

# First-strong isolate / pop isolate, written as escapes so they stay visible in review
FSI, PDI = "\u2068", "\u2069"


def can_delete(user: dict, doc: dict) -> bool:
    if doc["owner_id"] == user["id"]:
        return True
    # expect-not: instruction
    return user["role"] == "admin"


def label(name: str) -> str:
    # isolate user names so an Arabic or Hebrew name does not reorder the sentence
    # expect-not: instruction
    return f"Shared by {FSI}{name}{PDI}"
