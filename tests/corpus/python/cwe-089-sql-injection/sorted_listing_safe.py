"""A table listing sorted by a column the visitor picks, checked against the sortable
columns inside the branch that only runs when a sort was asked for."""
from flask import Flask, request

app = Flask(__name__)
SORTABLE = {"name", "price", "created"}


@app.route("/items")
def items():
    sort = request.args.get("sort")
    if sort:
        if sort not in SORTABLE:
            return {"error": "cannot sort by that"}, 400
    order = sort or "name"
    # expect-not: CWE-89
    rows = app.config["db"].execute("SELECT * FROM items ORDER BY " + order).fetchall()
    return {"items": [dict(r) for r in rows]}
