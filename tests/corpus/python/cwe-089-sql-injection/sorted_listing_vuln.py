"""A table listing sorted by a column the visitor picks; the check only logs, so any
text reaches ORDER BY."""
from flask import Flask, request

app = Flask(__name__)
SORTABLE = {"name", "price", "created"}


@app.route("/items")
def items():
    sort = request.args.get("sort")
    if sort:
        if sort not in SORTABLE:
            app.logger.info("unusual sort %r", sort)
    order = sort or "name"
    # expect: CWE-89
    rows = app.config["db"].execute("SELECT * FROM items ORDER BY " + order).fetchall()
    return {"items": [dict(r) for r in rows]}
