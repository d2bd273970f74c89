"""Spreadsheet-like computed columns for the inventory dashboard."""
from flask import Flask, jsonify, request

app = Flask(__name__)

ITEMS = [
    {"sku": "A-100", "qty": 14, "unit_cost": 2.5},
    {"sku": "B-220", "qty": 3, "unit_cost": 19.0},
]


@app.post("/api/columns/preview")
def preview_column():
    formula = request.json.get("formula", "qty * unit_cost")
    out = []
    for item in ITEMS:
        # expect: CWE-95
        value = eval(formula, {}, dict(item))
        out.append({"sku": item["sku"], "value": value})
    return jsonify(out)
