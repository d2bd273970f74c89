"""Load a pre-trained scoring model that users upload, in the safetensors format."""
from flask import Flask, jsonify, request
from safetensors.numpy import load

app = Flask(__name__)


@app.post("/models/load")
def load_model():
    blob = request.files["model"].read()
    # safetensors holds raw tensors and a JSON header; loading executes nothing
    # expect-not: CWE-502
    tensors = load(blob)
    return jsonify({"tensors": sorted(tensors)})
