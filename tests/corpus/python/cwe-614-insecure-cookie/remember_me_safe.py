import secrets

from flask import Flask, make_response, redirect, request

from .auth import authenticate, store_remember_token

app = Flask(__name__)


@app.post("/login")
def login():
    user = authenticate(request.form["email"], request.form["password"])
    if not user:
        return redirect("/login?failed=1")
    resp = make_response(redirect("/home"))
    if request.form.get("remember"):
        token = secrets.token_urlsafe(32)
        store_remember_token(user.id, token)
        # expect-not: CWE-614
        resp.set_cookie("remember_token", token, max_age=30 * 24 * 3600, secure=True, httponly=True, samesite="Lax")
    # a UI preference, not a credential
    # expect-not: CWE-614
    resp.set_cookie("theme", request.form.get("theme", "light"), samesite="Lax")
    return resp
