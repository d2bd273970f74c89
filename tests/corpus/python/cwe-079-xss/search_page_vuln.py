from flask import Flask, request

from .catalog import find_products

app = Flask(__name__)


@app.get("/search")
def search():
    q = request.args.get("q", "")
    hits = find_products(q)
    rows = "".join(f"<li>{p.title}</li>" for p in hits)
    # expect: CWE-79
    return f"<h2>Results for {q}</h2><ul>{rows}</ul>"
