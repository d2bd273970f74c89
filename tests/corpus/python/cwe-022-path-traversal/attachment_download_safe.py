import os

from flask import Flask, abort, request, send_file
from flask_login import login_required

app = Flask(__name__)
UPLOAD_DIR = os.path.realpath("/srv/helpdesk/attachments")


@app.get("/tickets/attachment")
@login_required
def download_attachment():
    name = request.args.get("file", "")
    path = os.path.realpath(os.path.join(UPLOAD_DIR, name))
    if os.path.commonpath([path, UPLOAD_DIR]) != UPLOAD_DIR:
        abort(400)
    if not os.path.isfile(path):
        abort(404)
    # expect-not: CWE-22
    return send_file(path, as_attachment=True)
