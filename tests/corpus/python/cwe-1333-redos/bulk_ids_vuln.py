import re

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
# "1,2,3,..." ; the optional comma inside a repeated group backtracks badly on "1111...1x"
# expect: CWE-1333
ID_LIST = re.compile(r"^(\d+,?)+$")


@app.get("/api/orders/bulk")
def bulk_orders():
    ids = request.args.get("ids", "")
    if not ID_LIST.match(ids):
        abort(400)
    return jsonify({"ids": [int(i) for i in ids.split(",") if i]})
