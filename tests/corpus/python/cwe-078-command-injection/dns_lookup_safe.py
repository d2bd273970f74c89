import html
import subprocess

from flask import Flask, request

app = Flask(__name__)
DEBUG_SHELL = False


@app.get("/tools/dig")
def dig():
    name = request.args.get("name", "example.com")
    if DEBUG_SHELL:
        # old troubleshooting path, switched off by a module constant
        # expect-not: CWE-78
        out = subprocess.run(f"dig +short {name}", shell=True, capture_output=True, text=True).stdout
    else:
        # expect-not: CWE-78
        out = subprocess.run(["dig", "+short", "--", name], capture_output=True, text=True, timeout=10).stdout
    return f"<pre>{html.escape(out)}</pre>"
