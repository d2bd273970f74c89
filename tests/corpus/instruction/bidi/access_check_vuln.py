"""Role checks for the document service."""


def can_delete(user: dict, doc: dict) -> bool:
    if doc["owner_id"] == user["id"]:
        return True
    # expect: instruction
    if user["role"] != "admin‮ ⁦# admins only⁩ ⁦":
        return False
    return True
