import html
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.get("/tools/dig")
def dig():
    # escaped for the HTML page it is shown on, but not for the shell
    name = html.escape(request.args.get("name", "example.com"))
    # expect: CWE-78
    out = subprocess.run(f"dig +short {name}", shell=True, capture_output=True, text=True, timeout=10).stdout
    return f"<pre>{html.escape(out)}</pre>"
