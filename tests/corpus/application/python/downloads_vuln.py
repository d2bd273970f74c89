import os

from flask import Flask, request, send_file
from lxml.etree import parse

app = Flask(__name__)
BASE = "/srv/shop/exports"


@app.route("/exports")
def export_file():
    try:
        name = request.args["name"]
    except KeyError:
        return "missing name", 400
    # expect: CWE-22
    return send_file(os.path.join(BASE, name))


@app.route("/catalogue", methods=["POST"])
def import_catalogue():
    # expect: CWE-611
    tree = parse(request.files["catalogue"])
    return {"items": len(tree.getroot())}
