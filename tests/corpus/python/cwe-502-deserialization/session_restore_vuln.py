import base64
import pickle

from flask import Flask, make_response, request

app = Flask(__name__)


@app.get("/cart")
def view_cart():
    raw = request.cookies.get("cart")
    cart = {"items": []}
    if raw:
        # expect: CWE-502
        cart = pickle.loads(base64.b64decode(raw))
    return {"count": len(cart["items"]), "items": cart["items"]}


@app.post("/cart/add/<sku>")
def add_to_cart(sku):
    raw = request.cookies.get("cart")
    # expect: CWE-502
    cart = pickle.loads(base64.b64decode(raw)) if raw else {"items": []}
    cart["items"].append(sku)
    resp = make_response({"ok": True})
    resp.set_cookie("cart", base64.b64encode(pickle.dumps(cart)).decode(), secure=True, httponly=True)
    return resp
