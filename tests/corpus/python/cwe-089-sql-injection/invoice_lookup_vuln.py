import html
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.get("/api/invoices/lookup")
def lookup():
    # html.escape handles quotes for HTML, but the id is spliced into a numeric context
    invoice_id = html.escape(request.args.get("id", "0"))
    conn = sqlite3.connect("billing.db")
    # expect: CWE-89
    row = conn.execute(f"SELECT number, total, status FROM invoices WHERE id = {invoice_id}").fetchone()
    return jsonify(dict(zip(("number", "total", "status"), row)) if row else {})
