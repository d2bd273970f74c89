import re

from flask import Flask, jsonify, request

app = Flask(__name__)
LOG_FILE = "/var/log/app/requests.log"


@app.get("/admin/log-search")
def log_search():
    # users search for literal text; escape it so it cannot form a pattern
    needle = re.compile(re.escape(request.args.get("pattern", "")[:200]))
    matches = []
    with open(LOG_FILE, encoding="utf-8") as fh:
        for line in fh:
            # expect-not: CWE-1333
            if needle.search(line):
                matches.append(line.rstrip())
    return jsonify(matches[-500:])
