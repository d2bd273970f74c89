from flask import Flask

app = Flask(__name__)
# expect: CWE-798
app.secret_key = "s3cr3t-flask-key-2019"
app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://app:app@localhost/app"
