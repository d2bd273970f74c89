# verify: reset_token CWE-338
import random
import string


def reset_token(user_id):
    alphabet = string.ascii_letters + string.digits
    return "".join(random.choice(alphabet) for _ in range(24))
