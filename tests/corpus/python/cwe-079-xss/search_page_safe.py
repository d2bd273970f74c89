from flask import Flask, request
from markupsafe import escape

from .catalog import find_products

app = Flask(__name__)


@app.get("/search")
def search():
    q = request.args.get("q", "")
    hits = find_products(q)
    rows = "".join(f"<li>{escape(p.title)}</li>" for p in hits)
    # expect-not: CWE-79
    return f"<h2>Results for {escape(q)}</h2><ul>{rows}</ul>"
