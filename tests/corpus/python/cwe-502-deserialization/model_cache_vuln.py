"""Download a pre-trained scoring model that users point us at."""
import pickle
import urllib.request

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/models/load")
def load_model():
    url = request.json["model_url"]
    blob = urllib.request.urlopen(url, timeout=30).read()
    # expect: CWE-502
    model = pickle.loads(blob)
    return jsonify({"features": list(getattr(model, "feature_names_in_", []))})
