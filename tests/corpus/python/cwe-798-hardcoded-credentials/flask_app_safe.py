import os

from flask import Flask

app = Flask(__name__)
# expect-not: CWE-798
app.secret_key = os.environ.get("FLASK_SECRET_KEY") or os.urandom(32)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
