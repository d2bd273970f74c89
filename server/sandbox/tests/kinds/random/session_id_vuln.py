# verify: new_session_id CWE-330
import random


def new_session_id():
    return "%032x" % random.getrandbits(128)
