import sqlite3

from flask import Flask, abort, jsonify, request

app = Flask(__name__)


@app.get("/api/invoices/lookup")
def lookup():
    raw = request.args.get("id", "0")
    if not raw.isdigit():
        abort(400)
    invoice_id = int(raw)
    conn = sqlite3.connect("billing.db")
    # expect-not: CWE-89
    row = conn.execute(f"SELECT number, total, status FROM invoices WHERE id = {invoice_id}").fetchone()
    return jsonify(dict(zip(("number", "total", "status"), row)) if row else {})
