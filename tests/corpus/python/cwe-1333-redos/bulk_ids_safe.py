from flask import Flask, abort, jsonify, request

app = Flask(__name__)


@app.get("/api/orders/bulk")
def bulk_orders():
    ids = request.args.get("ids", "")
    parts = ids.split(",")
    # expect-not: CWE-1333
    if len(parts) > 200 or not all(p.isdigit() for p in parts):
        abort(400)
    return jsonify({"ids": [int(i) for i in parts]})
