from flask import Flask, jsonify, request
import psycopg2
from psycopg2 import sql

app = Flask(__name__)
conn = psycopg2.connect("dbname=helpdesk")
FILTERABLE = ("status", "priority", "assignee")


@app.get("/api/tickets")
def tickets():
    filters = {k: request.args[k] for k in FILTERABLE if k in request.args}
    clauses = [sql.SQL("{} = %s").format(sql.Identifier(col)) for col in filters] or [sql.SQL("TRUE")]
    query = sql.SQL("SELECT id, subject, status FROM tickets WHERE {} ORDER BY id DESC LIMIT 100").format(sql.SQL(" AND ").join(clauses))
    with conn.cursor() as cur:
        # expect-not: CWE-89
        cur.execute(query, list(filters.values()))
        return jsonify(cur.fetchall())
