import re

from flask import Flask, jsonify, request

app = Flask(__name__)
LOG_FILE = "/var/log/app/requests.log"


@app.get("/admin/log-search")
def log_search():
    pattern = request.args.get("pattern", "")
    matches = []
    with open(LOG_FILE, encoding="utf-8") as fh:
        for line in fh:
            # expect: CWE-1333
            if re.search(pattern, line):
                matches.append(line.rstrip())
    return jsonify(matches[-500:])
