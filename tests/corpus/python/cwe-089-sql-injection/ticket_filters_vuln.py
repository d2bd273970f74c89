from flask import Flask, jsonify, request
import psycopg2

app = Flask(__name__)
conn = psycopg2.connect("dbname=helpdesk")
FILTERABLE = ("status", "priority", "assignee")


@app.get("/api/tickets")
def tickets():
    filters = {k: request.args[k] for k in FILTERABLE if k in request.args}
    where = " AND ".join(f"{col} = '{val}'" for col, val in filters.items()) or "TRUE"
    with conn.cursor() as cur:
        # column names are fixed, but the values are spliced in as text
        # expect: CWE-89
        cur.execute("SELECT id, subject, status FROM tickets WHERE " + where + " ORDER BY id DESC LIMIT 100")
        return jsonify(cur.fetchall())
