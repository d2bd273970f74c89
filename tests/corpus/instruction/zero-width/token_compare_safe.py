import hmac
import os

from flask import Flask, abort, request

app = Flask(__name__)
ADMIN_TOKEN = os.environ["ADMIN_TOKEN"]
# used to strip invisible characters that users paste from chat apps
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff"))


@app.post("/internal/reindex")
def reindex():
    # expect-not: instruction
    token = request.headers.get("X-Admin-Token", "").translate(INVISIBLE)
    if not hmac.compare_digest(token, ADMIN_TOKEN):
        abort(403)
    return {"queued": True}
