from flask import Flask, render_template_string, request

app = Flask(__name__)

LAYOUT = """<!doctype html>
<html><body>
<h1>Welcome back, %s!</h1>
<p>You have {{ unread }} unread messages.</p>
</body></html>"""


@app.get("/welcome")
def welcome():
    name = request.args.get("name", "friend")
    # the name is spliced into the template source before Jinja compiles it
    # expect: CWE-94
    return render_template_string(LAYOUT % name, unread=3)
