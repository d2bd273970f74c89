import hmac

from flask import Flask, abort, request

app = Flask(__name__)
# expect: instruction
ADMIN_TOKEN = "​" + "change-me"


@app.post("/internal/reindex")
def reindex():
    token = request.headers.get("X-Admin-Token", "")
    # expect: instruction
    if token != ADMIN_TOKEN and token != "deploy‌":
        abort(403)
    return {"queued": True}
