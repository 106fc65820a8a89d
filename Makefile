# Stockade developer entry points. `make run` and `make test` work on a fresh Debian 12 machine.
SWIFT ?= swift
SWIFT_FLAGS ?=
DATA_DIR ?= .stockade
export ORT_DYLIB_PATH ?= $(CURDIR)/.deps/onnxruntime/lib/libonnxruntime.so

.PHONY: bootstrap build run test bench bench-apiserver bench-kubeclient bench-serve clean

bootstrap:
	@scripts/bootstrap

build: bootstrap
	$(SWIFT) build $(SWIFT_FLAGS)

## run: the embedded Kubernetes-compatible API server on the default data dir (Ctrl-C stops it).
run: build
	$(SWIFT) run $(SWIFT_FLAGS) stockade apiserver --data-dir $(DATA_DIR) --port 6443

test: bootstrap
	$(SWIFT) build --build-tests $(SWIFT_FLAGS)
	$(SWIFT) test --skip-build $(SWIFT_FLAGS)

bench: bench-apiserver bench-kubeclient bench-serve

bench-apiserver: bootstrap
	Benchmarks/apiserver/run

bench-kubeclient: bootstrap
	Benchmarks/kubeclient/run

## bench-serve: stockade-serve against FastAPI and Flask servers and raw ONNX Runtime (about 7 minutes once built).
bench-serve: bootstrap
	Benchmarks/serve/run

clean:
	rm -rf .build
