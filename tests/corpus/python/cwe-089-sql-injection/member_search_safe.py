import sqlite3

from flask import Flask, g, jsonify, request

app = Flask(__name__)
DB_PATH = "/var/lib/club/members.db"


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DB_PATH)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.get("/api/members")
def search_members():
    term = request.args.get("q", "").strip()
    cur = get_db().cursor()
    # expect-not: CWE-89
    cur.execute("SELECT id, name, city FROM members WHERE name LIKE ? ORDER BY name LIMIT 50", (f"%{term}%",))
    return jsonify([dict(r) for r in cur.fetchall()])
