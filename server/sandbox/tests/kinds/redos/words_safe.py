# verify: looks_like_sentence CWE-1333
import re


def looks_like_sentence(text):
    return bool(re.fullmatch(r"\w+(?:\s\w+)*", text))
