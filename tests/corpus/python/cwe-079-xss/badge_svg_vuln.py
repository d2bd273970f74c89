import shlex

from flask import Flask, Response, request

app = Flask(__name__)

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="20"><text x="4" y="14">{label}: {value}</text></svg>'


@app.get("/badge.svg")
def badge():
    # shlex.quote is for shells; it leaves < and > untouched
    label = shlex.quote(request.args.get("label", "build"))
    value = shlex.quote(request.args.get("value", "passing"))
    # expect: CWE-79
    return Response(SVG.format(label=label, value=value), mimetype="image/svg+xml")
