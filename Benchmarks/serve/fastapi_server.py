"""A FastAPI + uvicorn + onnxruntime server in the style of KServe's Python model server.

Pydantic models validate the Open Inference Protocol v2 request (as KServe's `InferRequest`
does), inputs become numpy arrays of the declared datatype, `InferenceSession.run` runs in the
`async` handler on the event loop (as KServe calls a synchronous `predict`), and the response is
the v2 JSON response. One uvicorn worker with uvloop and httptools (`uvicorn[standard]`, KServe's
default of one worker per container). No batching, no queue limit.

Usage: fastapi_server.py MODEL.onnx MODEL_NAME PORT   (listens on 127.0.0.1 only)
"""
import sys
from typing import Any, Dict, List, Optional, Union

import numpy as np
import onnxruntime as ort
import uvicorn
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

MODEL_PATH, MODEL_NAME, PORT = sys.argv[1], sys.argv[2], int(sys.argv[3])

DTYPES = {"FP32": np.float32, "FP64": np.float64, "INT64": np.int64, "INT32": np.int32, "BOOL": np.bool_}


class InferInput(BaseModel):
    name: str
    shape: List[int]
    datatype: str
    data: List[Any]
    parameters: Optional[Dict[str, Any]] = None


class InferRequest(BaseModel):
    id: Optional[str] = None
    inputs: List[InferInput]
    parameters: Optional[Dict[str, Any]] = None


class InferOutput(BaseModel):
    name: str
    shape: List[int]
    datatype: str
    data: List[Union[float, int, bool]]


class InferResponse(BaseModel):
    model_name: str
    id: Optional[str] = None
    outputs: List[InferOutput]


session = ort.InferenceSession(MODEL_PATH, providers=["CPUExecutionProvider"])
input_names = {i.name for i in session.get_inputs()}
output_names = [o.name for o in session.get_outputs()]
app = FastAPI()


@app.get("/v2/health/ready")
async def ready():
    return {}


@app.post("/v2/models/{name}/infer", response_model=InferResponse)
async def infer(name: str, request: InferRequest):
    if name != MODEL_NAME:
        raise HTTPException(status_code=404, detail=f"unknown model {name}")
    feeds = {}
    for i in request.inputs:
        if i.name not in input_names or i.datatype not in DTYPES:
            raise HTTPException(status_code=400, detail=f"bad input {i.name} ({i.datatype})")
        feeds[i.name] = np.asarray(i.data, dtype=DTYPES[i.datatype]).reshape(i.shape)
    results = session.run(None, feeds)
    return InferResponse(model_name=name, id=request.id, outputs=[
        InferOutput(name=n, shape=list(r.shape), datatype="FP32", data=r.ravel().tolist())
        for n, r in zip(output_names, results)])


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=PORT, workers=1, log_level="warning", access_log=False)
