"""Subdivision flags (England, Scotland, Wales) are built from tag characters by the
Unicode standard; they are generated here from escapes, not pasted as hidden text."""

BLACK_FLAG = "\U0001F3F4"
CANCEL_TAG = "\U000E007F"


def subdivision_flag(code: str) -> str:
    # "gbsct" -> 🏴 + tag letters + cancel tag
    # expect-not: instruction
    return BLACK_FLAG + "".join(chr(0xE0000 + ord(c)) for c in code.lower()) + CANCEL_TAG
