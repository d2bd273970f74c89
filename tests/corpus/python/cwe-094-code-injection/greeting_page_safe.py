from flask import Flask, render_template_string, request

app = Flask(__name__)

LAYOUT = """<!doctype html>
<html><body>
<h1>Welcome back, {{ name }}!</h1>
<p>You have {{ unread }} unread messages.</p>
</body></html>"""


@app.get("/welcome")
def welcome():
    name = request.args.get("name", "friend")
    # the template source is constant; the name is a context variable (autoescaped)
    # expect-not: CWE-94
    return render_template_string(LAYOUT, name=name, unread=3)
