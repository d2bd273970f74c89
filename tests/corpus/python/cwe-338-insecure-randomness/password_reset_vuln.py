import random
import string
from datetime import datetime, timedelta

from flask import Flask, request

from .mail import send_mail
from .models import User, ResetToken, db

app = Flask(__name__)
ALPHABET = string.ascii_letters + string.digits


@app.post("/password/forgot")
def forgot_password():
    user = User.query.filter_by(email=request.form["email"]).first()
    if user:
        # expect: CWE-338
        token = "".join(random.choice(ALPHABET) for _ in range(32))
        db.session.add(ResetToken(user_id=user.id, token=token, expires=datetime.utcnow() + timedelta(hours=1)))
        db.session.commit()
        send_mail(user.email, "Reset your password", f"https://app.example.com/reset/{token}")
    return {"ok": True}
