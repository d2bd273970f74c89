# verify: filter_names CWE-1333
import re

NAMES = ["ann", "bob", "carla"]


def filter_names(pattern):
    return [n for n in NAMES if re.search(re.escape(pattern), n)]
