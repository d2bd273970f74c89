from flask import Flask, flash, redirect, request, url_for
from markupsafe import Markup

app = Flask(__name__)


@app.post("/contacts/add")
def add_contact():
    name = request.form["name"]
    # ... save contact ...
    # the message is built first, then declared safe: the name is not escaped
    # expect: CWE-79
    flash(Markup("Added <strong>%s</strong> to your contacts." % name))
    return redirect(url_for("contacts"))
