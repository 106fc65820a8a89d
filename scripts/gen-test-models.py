#!/usr/bin/env python3
"""Generates the small ONNX models the ONNXRuntime tests use, plus expected outputs.

Writes into Tests/Fixtures/models/ (committed; every file is far below 1 MiB):
  mlp.onnx             float32 input [batch,4] -> Gemm+Relu -> Gemm -> logits [batch,3] (seeded weights)
  cnn.onnx             float32 image [batch,1,28,28] -> Conv+Relu+MaxPool+Flatten+Gemm -> [batch,10]
  mixed.onnx           int64 ids [batch,2] + string names [batch] -> int64 sum, string sum_label (LabelEncoder),
                       int64 name_id (LabelEncoder), string names_echo (Identity), each [batch]
  identity_types.onnx  one Identity per element type (in_<type> -> out_<type>, shape [n])
  zipmap_strings.onnx  float32 scores [batch,3] -> seq(map(string,float)) via ZipMap
  expected.json        inputs and the outputs ONNX Runtime (Python, onnxruntime==1.31.1) computes

Outputs are computed by the same ONNX Runtime version the Swift tests load, so the Swift side compares
against ORT's own results. Usage: scripts/gen-test-models.py  (re-executes itself in a temporary virtual
environment with onnx, numpy and onnxruntime==1.31.1 when those are not importable). Deterministic.
"""
import json
import os
import subprocess
import sys
import tempfile

ORT_VERSION = "1.31.1"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "models")


def ensure_dependencies():
    try:
        import numpy  # noqa: F401
        import onnx  # noqa: F401
        import onnxruntime

        if onnxruntime.__version__ == ORT_VERSION:
            return
    except ImportError:
        pass
    if os.environ.get("GEN_TEST_MODELS_VENV"):
        sys.exit("gen-test-models: dependencies still missing inside the temporary venv")
    venv = tempfile.mkdtemp(prefix="gen-test-models-")
    print(f"[gen-test-models] creating venv in {venv}", file=sys.stderr)
    subprocess.check_call([sys.executable, "-m", "venv", venv])
    python = os.path.join(venv, "bin", "python")
    subprocess.check_call([python, "-m", "pip", "install", "-q", "numpy", "onnx", f"onnxruntime=={ORT_VERSION}"])
    env = dict(os.environ, GEN_TEST_MODELS_VENV=venv)
    sys.exit(subprocess.call([python, os.path.abspath(__file__)] + sys.argv[1:], env=env))


ensure_dependencies()

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import onnxruntime as ort  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

OPSET = [helper.make_opsetid("", 17)]
IR_VERSION = 8  # supported by every onnxruntime >= 1.14


def finish(graph, name, opsets=OPSET, doc=""):
    model = helper.make_model(graph, opset_imports=opsets, producer_name="stockade-gen-test-models",
                              producer_version="1", doc_string=doc)
    model.ir_version = IR_VERSION
    model.model_version = 1
    model.domain = "dev.stockade.test"
    helper.set_model_props(model, {"purpose": "test", "model": name})
    onnx.checker.check_model(model, full_check=True)
    path = os.path.join(OUT, name + ".onnx")
    with open(path, "wb") as f:
        f.write(model.SerializeToString())
    assert os.path.getsize(path) < 1 << 20, path
    return path


def init(name, array):
    return numpy_helper.from_array(array, name)


def mlp(rng):
    w1 = rng.standard_normal((4, 8)).astype(np.float32)
    b1 = rng.standard_normal(8).astype(np.float32)
    w2 = rng.standard_normal((8, 3)).astype(np.float32)
    b2 = rng.standard_normal(3).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node("Gemm", ["input", "w1", "b1"], ["h1"]),
         helper.make_node("Relu", ["h1"], ["a1"]),
         helper.make_node("Gemm", ["a1", "w2", "b2"], ["logits"])],
        "mlp",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 4])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 3])],
        [init("w1", w1), init("b1", b1), init("w2", w2), init("b2", b2)])
    return finish(graph, "mlp", doc="two-layer perceptron")


def cnn(rng):
    conv_w = (rng.standard_normal((4, 1, 3, 3)) * 0.5).astype(np.float32)
    conv_b = (rng.standard_normal(4) * 0.1).astype(np.float32)
    fc_w = (rng.standard_normal((4 * 14 * 14, 10)) * 0.05).astype(np.float32)
    fc_b = (rng.standard_normal(10) * 0.1).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node("Conv", ["image", "conv_w", "conv_b"], ["c"], pads=[1, 1, 1, 1], kernel_shape=[3, 3]),
         helper.make_node("Relu", ["c"], ["r"]),
         helper.make_node("MaxPool", ["r"], ["p"], kernel_shape=[2, 2], strides=[2, 2]),
         helper.make_node("Flatten", ["p"], ["f"], axis=1),
         helper.make_node("Gemm", ["f", "fc_w", "fc_b"], ["scores"])],
        "cnn",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["batch", 1, 28, 28])],
        [helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["batch", 10])],
        [init("conv_w", conv_w), init("conv_b", conv_b), init("fc_w", fc_w), init("fc_b", fc_b)])
    return finish(graph, "cnn", doc="tiny convolutional classifier")


def mixed():
    ml = "ai.onnx.ml"
    graph = helper.make_graph(
        [helper.make_node("ReduceSum", ["ids", "axes"], ["sum"], keepdims=0),
         helper.make_node("LabelEncoder", ["sum"], ["sum_label"], domain=ml, keys_int64s=[0, 3],
                          values_strings=["zero", "three"], default_string="other"),
         helper.make_node("LabelEncoder", ["names"], ["name_id"], domain=ml, keys_strings=["alpha", "Beta"],
                          values_int64s=[1, 2], default_int64=-1),
         helper.make_node("Identity", ["names"], ["names_echo"])],
        "mixed",
        [helper.make_tensor_value_info("ids", TensorProto.INT64, ["batch", 2]),
         helper.make_tensor_value_info("names", TensorProto.STRING, ["batch"])],
        [helper.make_tensor_value_info("sum", TensorProto.INT64, ["batch"]),
         helper.make_tensor_value_info("sum_label", TensorProto.STRING, ["batch"]),
         helper.make_tensor_value_info("name_id", TensorProto.INT64, ["batch"]),
         helper.make_tensor_value_info("names_echo", TensorProto.STRING, ["batch"])],
        [init("axes", np.array([1], dtype=np.int64))])
    return finish(graph, "mixed", opsets=OPSET + [helper.make_opsetid(ml, 2)], doc="int64 and string inputs")


IDENTITY_TYPES = {
    "float32": TensorProto.FLOAT, "float16": TensorProto.FLOAT16, "float64": TensorProto.DOUBLE,
    "int8": TensorProto.INT8, "int16": TensorProto.INT16, "int32": TensorProto.INT32, "int64": TensorProto.INT64,
    "uint8": TensorProto.UINT8, "uint16": TensorProto.UINT16, "uint32": TensorProto.UINT32,
    "uint64": TensorProto.UINT64, "bool": TensorProto.BOOL, "string": TensorProto.STRING,
    "bfloat16": TensorProto.BFLOAT16,
}


def identity_types():
    nodes, inputs, outputs = [], [], []
    for name, proto in IDENTITY_TYPES.items():
        nodes.append(helper.make_node("Identity", [f"in_{name}"], [f"out_{name}"]))
        inputs.append(helper.make_tensor_value_info(f"in_{name}", proto, ["n"]))
        outputs.append(helper.make_tensor_value_info(f"out_{name}", proto, ["n"]))
    graph = helper.make_graph(nodes, "identity_types", inputs, outputs)
    return finish(graph, "identity_types", doc="one Identity per element type")


def zipmap_strings():
    graph = helper.make_graph(
        [helper.make_node("ZipMap", ["scores"], ["probabilities"], domain="ai.onnx.ml",
                          classlabels_strings=["setosa", "versicolor", "virginica"])],
        "zipmap_strings",
        [helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["batch", 3])],
        [helper.make_value_info("probabilities", helper.make_sequence_type_proto(
            helper.make_map_type_proto(TensorProto.STRING, helper.make_tensor_type_proto(TensorProto.FLOAT, []))))])
    return finish(graph, "zipmap_strings", opsets=OPSET + [helper.make_opsetid("ai.onnx.ml", 3)],
                  doc="seq(map(string,float)) output")


TYPE_NAMES = {np.dtype(np.float32): "float32", np.dtype(np.int64): "int64", np.dtype(object): "string"}


def encode(value):
    """A tensor as {type, shape, data}; a sequence of maps as {type: seq_map, data: [[key, value], ...]}."""
    if isinstance(value, list):
        return {"type": "seq_map", "data": [[[k, float(v)] for k, v in m.items()] for m in value]}
    data = value.flatten().tolist()
    if value.dtype == np.float32:
        data = [float(x) for x in data]
    return {"type": TYPE_NAMES[value.dtype], "shape": list(value.shape), "data": data}


def case(session, model, name, feeds):
    names = [o.name for o in session.get_outputs()]
    results = session.run(names, feeds)
    return {"model": model, "name": name,
            "inputs": {k: encode(v) for k, v in feeds.items()},
            "outputs": {k: encode(v) for k, v in zip(names, results)}}


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20240601)
    paths = {"mlp": mlp(rng), "cnn": cnn(rng), "mixed": mixed(), "identity_types": identity_types(),
             "zipmap_strings": zipmap_strings()}
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    sessions = {k: ort.InferenceSession(p, options, providers=["CPUExecutionProvider"]) for k, p in paths.items()}
    data = np.random.default_rng(7)
    cases = []
    for batch in (1, 7):
        x = data.standard_normal((batch, 4)).astype(np.float32)
        cases.append(case(sessions["mlp"], "mlp", f"batch{batch}", {"input": x}))
    for batch in (1, 2):
        image = data.random((batch, 1, 28, 28)).astype(np.float32)
        cases.append(case(sessions["cnn"], "cnn", f"batch{batch}", {"image": image}))
    cases.append(case(sessions["mixed"], "mixed", "batch3", {
        "ids": np.array([[1, 2], [-5, 5], [1 << 40, 3]], dtype=np.int64),
        "names": np.array(["alpha", "Beta", "gr\u00fc\u00dfe"], dtype=object)}))
    cases.append(case(sessions["zipmap_strings"], "zipmap_strings", "batch2", {
        "scores": np.array([[0.1, 0.2, 0.7], [0.5, 0.25, 0.25]], dtype=np.float32)}))
    logreg = os.path.join(ROOT, ".deps", "onnxruntime", "datasets", "logreg_iris.onnx")
    if os.path.exists(logreg):
        session = ort.InferenceSession(logreg, options, providers=["CPUExecutionProvider"])
        cases.append(case(session, "logreg_iris", "rows3", {
            "float_input": np.array([[5.1, 3.5], [6.2, 2.9], [4.9, 3.0]], dtype=np.float32)}))
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump({"onnxruntime": ort.__version__, "cases": cases}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    for name in sorted(os.listdir(OUT)):
        print(f"[gen-test-models] {name}: {os.path.getsize(os.path.join(OUT, name))} bytes")


main()
