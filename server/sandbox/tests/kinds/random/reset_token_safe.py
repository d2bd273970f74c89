# verify: reset_token CWE-338
import secrets


def reset_token(user_id):
    return secrets.token_urlsafe(18)
