from flask import Flask, make_response, request
from itsdangerous import BadSignature, URLSafeSerializer

app = Flask(__name__)
app.config.from_envvar("SHOP_SETTINGS")
signer = URLSafeSerializer(app.config["SECRET_KEY"], salt="cart")


def load_cart():
    raw = request.cookies.get("cart")
    if not raw:
        return {"items": []}
    try:
        # signed JSON, not pickle: tampering is rejected and nothing is instantiated
        # expect-not: CWE-502
        return signer.loads(raw)
    except BadSignature:
        return {"items": []}


@app.get("/cart")
def view_cart():
    cart = load_cart()
    return {"count": len(cart["items"]), "items": cart["items"]}


@app.post("/cart/add/<sku>")
def add_to_cart(sku):
    cart = load_cart()
    cart["items"].append(sku)
    resp = make_response({"ok": True})
    resp.set_cookie("cart", signer.dumps(cart), secure=True, httponly=True)
    return resp
