import logging

from flask import Flask, request

from .auth import check_password

app = Flask(__name__)
audit = logging.getLogger("audit")


@app.post("/login")
def login():
    username = request.form.get("username", "")
    if not check_password(username, request.form.get("password", "")):
        # a username containing "\n2024-05-01 INFO login ok user=admin" forges an entry
        # expect: CWE-117
        audit.warning("login failed user=" + username + " ip=" + request.remote_addr)
        return {"error": "invalid"}, 401
    # expect: CWE-117
    audit.info("login ok user=%s client=%s", username, request.headers.get("X-Client", "-"))
    return {"ok": True}
