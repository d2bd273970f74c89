"""Spreadsheet-like computed columns for the inventory dashboard."""
import ast
import operator

from flask import Flask, abort, jsonify, request

app = Flask(__name__)

ITEMS = [
    {"sku": "A-100", "qty": 14, "unit_cost": 2.5},
    {"sku": "B-220", "qty": 3, "unit_cost": 19.0},
]
OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def evaluate(node, names):
    if isinstance(node, ast.Expression):
        return evaluate(node.body, names)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.Name) and node.id in names:
        return names[node.id]
    if isinstance(node, ast.BinOp) and type(node.op) in OPS:
        return OPS[type(node.op)](evaluate(node.left, names), evaluate(node.right, names))
    raise ValueError("unsupported expression")


@app.post("/api/columns/preview")
def preview_column():
    formula = request.json.get("formula", "qty * unit_cost")
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError:
        abort(400)
    out = []
    for item in ITEMS:
        # a tiny arithmetic interpreter over the parsed tree, no eval()
        # expect-not: CWE-95
        value = evaluate(tree, dict(item))
        out.append({"sku": item["sku"], "value": value})
    return jsonify(out)
