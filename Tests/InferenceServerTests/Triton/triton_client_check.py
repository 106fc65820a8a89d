#!/usr/bin/env python3
"""Checks stockade-serve against the official Open Inference Protocol client.

Uses tritonclient.http (PyPI `tritonclient[http]`) to check health, metadata,
and inference with JSON tensors and with binary tensor data, against the cases
in Tests/Fixtures/models/expected.json for one model. Also sends one request
with a wrong shape and checks the client raises InferenceServerException naming
the input.

Usage:
  triton_client_check.py --url 127.0.0.1:PORT --model mlp --expected path/to/expected.json

Exit status: 0 when every check passes, 1 (with a message on stderr) otherwise.
"""
import argparse
import json
import sys
import traceback

try:
    import numpy as np
    import tritonclient.http as httpclient
    from tritonclient.utils import InferenceServerException
except ImportError as e:  # pragma: no cover - environment problem
    print(f"FAIL: cannot import tritonclient[http]/numpy: {e} "
          "(install with: python3 -m pip install 'tritonclient[http]')", file=sys.stderr)
    sys.exit(1)

# expected.json type names -> (numpy dtype, Open Inference Protocol datatype)
TYPES = {
    "float32": (np.float32, "FP32"),
    "float64": (np.float64, "FP64"),
    "int64": (np.int64, "INT64"),
    "int32": (np.int32, "INT32"),
    "int8": (np.int8, "INT8"),
    "uint8": (np.uint8, "UINT8"),
    "bool": (np.bool_, "BOOL"),
}

TOL = 1e-5


class CheckFailed(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise CheckFailed(msg)
    print(f"ok: {msg}")


def load_cases(path, model):
    with open(path) as f:
        doc = json.load(f)
    cases = [c for c in doc["cases"] if c["model"] == model]
    if not cases:
        raise CheckFailed(f"no cases for model {model!r} in {path}")
    return cases


def to_array(spec):
    t = spec["type"]
    if t not in TYPES:
        raise CheckFailed(f"unsupported fixture type {t!r} (this script handles {sorted(TYPES)})")
    dtype, datatype = TYPES[t]
    arr = np.asarray(spec["data"], dtype=dtype).reshape(spec["shape"])
    return arr, datatype


def run_infer(client, model, case, binary):
    mode = "binary" if binary else "JSON"
    inputs = []
    for name, spec in case["inputs"].items():
        arr, datatype = to_array(spec)
        inp = httpclient.InferInput(name, list(arr.shape), datatype)
        inp.set_data_from_numpy(arr, binary_data=binary)
        inputs.append(inp)
    outputs = [httpclient.InferRequestedOutput(name, binary_data=binary)
               for name in case["outputs"]]
    result = client.infer(model, inputs, outputs=outputs)
    response = result.get_response()
    check(response.get("model_name") == model,
          f"[{case['name']}/{mode}] response model_name is {model!r} (got {response.get('model_name')!r})")
    for name, spec in case["outputs"].items():
        want, datatype = to_array(spec)
        got = result.as_numpy(name)
        check(got is not None, f"[{case['name']}/{mode}] output {name!r} present in response")
        out_meta = result.get_output(name) or {}
        check(out_meta.get("datatype") == datatype,
              f"[{case['name']}/{mode}] output {name!r} datatype {datatype} (got {out_meta.get('datatype')!r})")
        if binary:
            params = out_meta.get("parameters") or {}
            check("binary_data_size" in params,
                  f"[{case['name']}/{mode}] output {name!r} came back as binary data "
                  f"(parameters={params!r})")
        else:
            check("data" in out_meta,
                  f"[{case['name']}/{mode}] output {name!r} came back as JSON data")
        check(tuple(got.shape) == tuple(want.shape),
              f"[{case['name']}/{mode}] output {name!r} shape {list(want.shape)} (got {list(got.shape)})")
        if np.issubdtype(want.dtype, np.floating):
            ok = np.allclose(got, want, rtol=TOL, atol=TOL)
            diff = float(np.max(np.abs(got.astype(np.float64) - want.astype(np.float64)))) if got.size else 0.0
            check(ok, f"[{case['name']}/{mode}] output {name!r} values within {TOL} (max abs diff {diff:.3g})")
        else:
            check(np.array_equal(got, want), f"[{case['name']}/{mode}] output {name!r} values equal")


def run_bad_shape(client, model, case):
    name, spec = next(iter(case["inputs"].items()))
    arr, datatype = to_array(spec)
    # Drop one element off the last dimension: wrong shape for the model.
    bad = arr[..., :-1] if arr.shape[-1] > 1 else np.concatenate([arr, arr], axis=-1)
    bad = np.ascontiguousarray(bad)
    inputs = []
    for n, s in case["inputs"].items():
        if n == name:
            inp = httpclient.InferInput(n, list(bad.shape), datatype)
            inp.set_data_from_numpy(bad, binary_data=False)
        else:
            a, dt = to_array(s)
            inp = httpclient.InferInput(n, list(a.shape), dt)
            inp.set_data_from_numpy(a, binary_data=False)
        inputs.append(inp)
    try:
        client.infer(model, inputs)
    except InferenceServerException as e:
        msg = e.message() or str(e)
        print(f"   (server said: {msg!r}, status={e.status()!r})")
        check(name in msg, f"wrong-shape request raises InferenceServerException naming input {name!r}")
        return
    raise CheckFailed(f"wrong-shape request (input {name!r} shape {list(bad.shape)}) did not fail")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", required=True, help="host:port of the server's HTTP endpoint (no scheme)")
    ap.add_argument("--model", default="mlp")
    ap.add_argument("--expected", required=True, help="path to Tests/Fixtures/models/expected.json")
    ap.add_argument("--timeout", type=float, default=30.0, help="network/connection timeout in seconds")
    args = ap.parse_args()

    url = args.url
    for prefix in ("http://", "https://"):
        if url.startswith(prefix):
            url = url[len(prefix):]
    url = url.rstrip("/")

    try:
        cases = load_cases(args.expected, args.model)
        client = httpclient.InferenceServerClient(
            url=url, connection_timeout=args.timeout, network_timeout=args.timeout)
        try:
            check(client.is_server_live() is True, "is_server_live()")
            check(client.is_server_ready() is True, "is_server_ready()")
            check(client.is_model_ready(args.model) is True, f"is_model_ready({args.model!r})")

            meta = client.get_server_metadata()
            check(isinstance(meta, dict) and isinstance(meta.get("name"), str) and meta["name"],
                  f"get_server_metadata() has a name (got {meta!r})")
            check(isinstance(meta.get("version"), str),
                  f"get_server_metadata() has a version (got {meta.get('version')!r})")
            check(isinstance(meta.get("extensions"), list),
                  f"get_server_metadata() has an extensions list (got {meta.get('extensions')!r})")

            mmeta = client.get_model_metadata(args.model)
            check(mmeta.get("name") == args.model,
                  f"get_model_metadata({args.model!r}) name (got {mmeta.get('name')!r})")
            by_name = {i.get("name"): i for i in mmeta.get("inputs", [])}
            first = cases[0]
            for name, spec in first["inputs"].items():
                arr, datatype = to_array(spec)
                meta_in = by_name.get(name)
                check(meta_in is not None, f"model metadata lists input {name!r} (inputs: {list(by_name)})")
                check(meta_in.get("datatype") == datatype,
                      f"input {name!r} datatype {datatype} (got {meta_in.get('datatype')!r})")
                shape = meta_in.get("shape")
                compatible = (isinstance(shape, list) and len(shape) == arr.ndim and
                              all(d == -1 or d == a for d, a in zip(shape, arr.shape)))
                check(compatible, f"input {name!r} metadata shape {shape!r} fits fixture shape {list(arr.shape)}")
            out_names = {o.get("name") for o in mmeta.get("outputs", [])}
            for name in first["outputs"]:
                check(name in out_names, f"model metadata lists output {name!r} (outputs: {sorted(out_names)})")

            for case in cases:
                run_infer(client, args.model, case, binary=False)
                run_infer(client, args.model, case, binary=True)

            run_bad_shape(client, args.model, first)
        finally:
            client.close()
    except CheckFailed as e:
        print(f"FAIL: {e}", file=sys.stderr)
        return 1
    except InferenceServerException as e:
        print(f"FAIL: unexpected InferenceServerException: status={e.status()!r} message={e.message()!r}",
              file=sys.stderr)
        traceback.print_exc()
        return 1
    except Exception as e:  # connection refused, malformed response, ...
        print(f"FAIL: {type(e).__name__}: {e}", file=sys.stderr)
        traceback.print_exc()
        return 1
    try:
        from importlib.metadata import version
        client_version = version("tritonclient")
    except Exception:
        client_version = "?"
    print(f"PASS: tritonclient {client_version} against {url} model {args.model} "
          f"({len(cases)} cases, JSON + binary)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
