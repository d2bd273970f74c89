from xml.sax.saxutils import escape

from flask import Flask, Response, request

app = Flask(__name__)

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="20"><text x="4" y="14">{label}: {value}</text></svg>'


@app.get("/badge.svg")
def badge():
    label = escape(request.args.get("label", "build")[:40])
    value = escape(request.args.get("value", "passing")[:40])
    # expect-not: CWE-79
    return Response(SVG.format(label=label, value=value), mimetype="image/svg+xml")
