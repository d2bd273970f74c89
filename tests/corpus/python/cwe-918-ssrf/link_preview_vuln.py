import re

import requests
from flask import Flask, jsonify, request

app = Flask(__name__)
TITLE = re.compile(r"<title>([^<]{0,200})</title>", re.I)


@app.post("/api/link-preview")
def link_preview():
    url = request.json["url"]
    # expect: CWE-918
    resp = requests.get(url, timeout=5, allow_redirects=True)
    m = TITLE.search(resp.text)
    return jsonify({"url": url, "title": m.group(1) if m else None, "status": resp.status_code})
