# verify: is_valid_email CWE-1333
import re

EMAIL = re.compile(r"^([a-zA-Z0-9]+[._-]?)+@[a-z0-9-]+\.[a-z]{2,}$")


def is_valid_email(address):
    return EMAIL.match(address) is not None
