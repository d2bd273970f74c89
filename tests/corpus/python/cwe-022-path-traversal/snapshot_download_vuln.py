"""Download a stored snapshot of a monitored page; the snapshot name comes from the
query string and is joined to the monitor's folder unchecked."""
import os

from flask import Flask, abort, request, send_file

app = Flask(__name__)
MONITORS = {}


@app.route("/monitor/<monitor_id>/snapshot")
def snapshot(monitor_id):
    monitor = MONITORS.get(monitor_id)
    if monitor is None:
        abort(404)
    name = request.args.get("name", "latest")
    # expect: CWE-22
    return send_file(open(os.path.join(monitor.data_dir, name + ".html"), "rb"))
