"""Raw in-process ONNX Runtime: the ceiling a server around the same library can approach.

Python's onnxruntime 1.31.1 wheel ships the same C library (libonnxruntime.so.1.31.1) that
stockade-serve loads, so a tight `InferenceSession.run` loop over pre-built numpy arrays measures
what ORT itself does on this machine with no HTTP, JSON or batching cost. The session uses ORT's
defaults (intra-op threads = cores), as the servers do.

  raw_ort.py reference MODEL BODY.json          run the v2 request body once, print {output: data}
  raw_ort.py ceiling MODEL BATCHES SECONDS      rows/s for each batch size (comma list), as JSON:
                                                {"1": {"runs": n, "rows_per_s": r, "run_ms": m}, ...}
"""
import json
import sys
import time

import numpy as np
import onnxruntime as ort


def session(path):
    return ort.InferenceSession(path, providers=["CPUExecutionProvider"])


def reference(model, body_path):
    with open(body_path) as f:
        body = json.load(f)
    s = session(model)
    feeds = {i["name"]: np.asarray(i["data"], dtype=np.float32).reshape(i["shape"]) for i in body["inputs"]}
    outs = s.run(None, feeds)
    print(json.dumps({o.name: r.ravel().tolist() for o, r in zip(s.get_outputs(), outs)}))


def ceiling(model, batches, seconds):
    s = session(model)
    inp = s.get_inputs()[0]
    row_shape = [d for d in inp.shape[1:]]
    if any(not isinstance(d, int) for d in row_shape):
        sys.exit(f"raw_ort: input {inp.name} has dynamic dimensions after the batch one: {inp.shape}")
    rng = np.random.default_rng(7)
    result = {}
    for b in batches:
        x = rng.standard_normal([b] + row_shape).astype(np.float32)
        feeds = {inp.name: x}
        for _ in range(20):  # warm-up: arena, kernels, caches
            s.run(None, feeds)
        runs, start = 0, time.perf_counter()
        deadline = start + seconds
        while True:
            s.run(None, feeds)
            runs += 1
            if runs % 16 == 0 and time.perf_counter() >= deadline:
                break
        elapsed = time.perf_counter() - start
        result[str(b)] = {"runs": runs, "rows_per_s": runs * b / elapsed, "run_ms": elapsed / runs * 1000}
    print(json.dumps(result))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "reference":
        reference(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "ceiling":
        ceiling(sys.argv[2], [int(b) for b in sys.argv[3].split(",")], float(sys.argv[4]))
    else:
        sys.exit(__doc__)
