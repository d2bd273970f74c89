"""Order export endpoints for the back office."""
import os
import shlex
import sqlite3
import subprocess

import yaml
from flask import Flask, request

app = Flask(__name__)
DB = "/var/lib/shop/orders.db"


@app.route("/orders/export")
def export_orders():
    # The archive name comes straight from the query string.
    name = request.args.get("name", "orders")
    subprocess.run(f"tar czf /tmp/{name}.tgz /var/lib/shop/exports", shell=True)
    return {"archive": f"/tmp/{name}.tgz"}


@app.route("/orders/ping")
def ping_warehouse():
    host = request.args.get("host", "warehouse.local")
    # Quoted for the shell: safe.
    os.system("ping -c 1 " + shlex.quote(host))
    return {"ok": True}


def load_rules(path):
    with open(path) as fh:
        return yaml.load(fh)


def nightly_cleanup():
    retention_days = 30
    # A constant command: nothing untrusted reaches the shell.
    os.system("find /var/lib/shop/exports -mtime +%d -delete" % retention_days)


def order_count(customer_id):
    conn = sqlite3.connect(DB)
    # Parameterized: safe.
    row = conn.execute("SELECT count(*) FROM orders WHERE customer = ?", (customer_id,)).fetchone()
    return row[0]
