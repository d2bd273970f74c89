# verify: new_session_id CWE-330
import uuid


def new_session_id():
    return uuid.uuid4().hex
