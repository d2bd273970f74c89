import re

from flask import Flask, request
from PIL import Image, ImageDraw

app = Flask(__name__)


@app.route("/badge")
def badge():
    label = request.args.get("label", "shop")
    # expect-not: CWE-90
    if re.search(r"[^\w -]", label):
        return "bad label", 400
    image = Image.new("RGB", (200, 40))
    draw = ImageDraw.Draw(image)
    # expect-not: CWE-89
    draw.text((10, 10), label)
    return "ok"


@app.route("/account")
def account():
    # expect-not: CWE-78
    return {"name": request.user.name if hasattr(request, "user") else ""}
