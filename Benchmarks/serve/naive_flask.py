"""The naive Flask wrapper: what a model usually gets served with before it meets production.

Model loaded at import, `request.get_json()` without checks, inference in the request thread,
Flask's development server (`app.run(threaded=True)`: one thread per connection), no metrics.
It speaks the Open Inference Protocol v2 JSON request and response (one input, every output as
FP32 data) so the same load generator and request body drive it and stockade-serve.

Usage: naive_flask.py MODEL.onnx MODEL_NAME PORT   (listens on 127.0.0.1 only)
"""
import logging
import sys

import numpy as np
import onnxruntime as ort
from flask import Flask, jsonify, request

MODEL_PATH, MODEL_NAME, PORT = sys.argv[1], sys.argv[2], int(sys.argv[3])

session = ort.InferenceSession(MODEL_PATH, providers=["CPUExecutionProvider"])
output_names = [o.name for o in session.get_outputs()]
app = Flask(__name__)


@app.get("/v2/health/ready")
def ready():
    return "", 200


@app.post("/v2/models/<name>/infer")
def infer(name):
    body = request.get_json()
    feeds = {i["name"]: np.array(i["data"], dtype=np.float32).reshape(i["shape"]) for i in body["inputs"]}
    results = session.run(None, feeds)
    return jsonify({
        "model_name": name,
        "outputs": [{"name": n, "datatype": "FP32", "shape": list(r.shape), "data": r.ravel().tolist()}
                    for n, r in zip(output_names, results)],
    })


if __name__ == "__main__":
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access log line per request
    app.run(host="127.0.0.1", port=PORT, threaded=True)
