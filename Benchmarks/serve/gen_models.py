"""Generates the benchmark models that are too large to commit.

  cnn-mnist   the classic Keras MNIST convnet, float32 image [batch,1,28,28] ->
              Conv 32 3x3 + Relu -> Conv 64 3x3 + Relu -> MaxPool 2x2 -> Flatten (9216) ->
              Gemm 128 + Relu -> Gemm 10 -> Softmax -> probabilities [batch,10]
              1,199,882 parameters (about 4.8 MB), about 12 million multiply-adds per row

Weights are seeded random, He-scaled (normal, std sqrt(2 / fan_in); the last layer std
sqrt(1 / fan_in)) with zero biases, so activations keep their scale through the ReLUs and
the softmax is neither uniform nor one-hot. Opset 17 and IR version 8, as
scripts/gen-test-models.py, so onnxruntime 1.31.1 (and every ORT >= 1.14) loads it.
Deterministic: the same script and onnx version write the same bytes.

Benchmarks/serve/run runs this in .deps/bench-venv (which has onnx, numpy and onnxruntime) and
writes into .deps/bench-models/ (git-ignored), with a hash of this file in the name, so a
model is regenerated only when it is missing or this generator changed.

Usage: gen_models.py MODEL OUT.onnx     (MODEL: cnn-mnist)
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = [helper.make_opsetid("", 17)]
IR_VERSION = 8


def he(rng, shape, fan_in, gain=2.0):
    return (rng.standard_normal(shape) * np.sqrt(gain / fan_in)).astype(np.float32)


def cnn_mnist():
    rng = np.random.default_rng(20261204)
    inits = {
        "conv1_w": he(rng, (32, 1, 3, 3), 1 * 9), "conv1_b": np.zeros(32, np.float32),
        "conv2_w": he(rng, (64, 32, 3, 3), 32 * 9), "conv2_b": np.zeros(64, np.float32),
        "fc1_w": he(rng, (9216, 128), 9216), "fc1_b": np.zeros(128, np.float32),
        "fc2_w": he(rng, (128, 10), 128, gain=1.0), "fc2_b": np.zeros(10, np.float32),
    }
    graph = helper.make_graph(
        [helper.make_node("Conv", ["image", "conv1_w", "conv1_b"], ["c1"], kernel_shape=[3, 3]),
         helper.make_node("Relu", ["c1"], ["r1"]),
         helper.make_node("Conv", ["r1", "conv2_w", "conv2_b"], ["c2"], kernel_shape=[3, 3]),
         helper.make_node("Relu", ["c2"], ["r2"]),
         helper.make_node("MaxPool", ["r2"], ["p"], kernel_shape=[2, 2], strides=[2, 2]),
         helper.make_node("Flatten", ["p"], ["f"], axis=1),
         helper.make_node("Gemm", ["f", "fc1_w", "fc1_b"], ["h"]),
         helper.make_node("Relu", ["h"], ["a"]),
         helper.make_node("Gemm", ["a", "fc2_w", "fc2_b"], ["logits"]),
         helper.make_node("Softmax", ["logits"], ["probabilities"], axis=-1)],
        "cnn_mnist",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["batch", 1, 28, 28])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", 10])],
        [numpy_helper.from_array(v, k) for k, v in inits.items()])
    model = helper.make_model(graph, opset_imports=OPSET, producer_name="stockade-bench-gen-models",
                              producer_version="1", doc_string="Keras MNIST convnet, seeded He-scaled weights")
    model.ir_version = IR_VERSION
    model.model_version = 1
    model.domain = "dev.stockade.bench"
    helper.set_model_props(model, {"purpose": "benchmark", "model": "cnn-mnist"})
    onnx.checker.check_model(model, full_check=True)
    return model


GENERATORS = {"cnn-mnist": cnn_mnist}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in GENERATORS:
        sys.exit(__doc__)
    name, out = sys.argv[1], sys.argv[2]
    model = GENERATORS[name]()
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    tmp = f"{out}.tmp{os.getpid()}"
    with open(tmp, "wb") as f:
        f.write(model.SerializeToString())
    try:
        import onnxruntime as ort  # a sanity run: ORT loads it, the softmax is sane
        s = ort.InferenceSession(tmp, providers=["CPUExecutionProvider"])
        x = np.random.default_rng(42).uniform(-1, 1, (4, 1, 28, 28)).astype(np.float32)
        p = s.run(None, {"image": x})[0]
        if p.shape != (4, 10) or not np.all(np.isfinite(p)) or not np.allclose(p.sum(axis=1), 1, atol=1e-4):
            raise SystemExit(f"gen_models: {name} computes {p!r}")
        print(f"[gen_models] {name}: {os.path.getsize(tmp):,} bytes, max probability per row "
              f"{[round(float(v), 3) for v in p.max(axis=1)]}", file=sys.stderr)
    except BaseException:
        os.unlink(tmp)
        raise
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
