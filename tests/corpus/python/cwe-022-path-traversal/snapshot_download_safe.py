"""Download the newest stored snapshot of a monitored page; the route's id only picks
which of the application's own monitors is meant."""
import os

from flask import Flask, abort, send_file

app = Flask(__name__)
MONITORS = {}


@app.route("/monitor/<monitor_id>/snapshot")
def latest_snapshot(monitor_id):
    monitor = MONITORS.get(monitor_id)
    if monitor is None:
        abort(404)
    newest = sorted(monitor.snapshots)[-1]
    # expect-not: CWE-22
    return send_file(open(os.path.join(monitor.data_dir, newest + ".html"), "rb"))
