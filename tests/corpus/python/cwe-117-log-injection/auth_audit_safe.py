import logging

from flask import Flask, request

from .auth import check_password

app = Flask(__name__)
audit = logging.getLogger("audit")


def clean(value: str) -> str:
    return value.replace("\r", "\\r").replace("\n", "\\n")[:128]


@app.post("/login")
def login():
    username = request.form.get("username", "")
    if not check_password(username, request.form.get("password", "")):
        # expect-not: CWE-117
        audit.warning("login failed user=" + clean(username) + " ip=" + request.remote_addr)
        return {"error": "invalid"}, 401
    # expect-not: CWE-117
    audit.info("login ok user=%s client=%s", clean(username), clean(request.headers.get("X-Client", "-")))
    return {"ok": True}
