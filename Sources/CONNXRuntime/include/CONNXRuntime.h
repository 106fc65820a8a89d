// CONNXRuntime: the ONNX Runtime C API header plus a run-time loader.
//
// ONNX Runtime is not linked at build time. `cort_load` dlopen()s a shared library, resolves
// `OrtGetApiBase` and asks it for the `OrtApi` table of the API version this header describes
// (ORT_API_VERSION). Everything else is called through that table by the `ONNXRuntime` Swift target.
#ifndef STOCKADE_CONNXRUNTIME_H
#define STOCKADE_CONNXRUNTIME_H

#include <stddef.h>
#include <stdint.h>
// The C target is compiled with `-I <repo>/.deps/onnxruntime/include` (Package.swift). Swift targets
// that import this module do not get that flag, so fall back to the bootstrap location relative to
// this header (Sources/CONNXRuntime/include -> <repo>/.deps).
#if __has_include(<onnxruntime_c_api.h>)
#include <onnxruntime_c_api.h>
#else
#include "../../../.deps/onnxruntime/include/onnxruntime_c_api.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/// The result of `cort_load`.
typedef struct CORTLoadResult {
  /// The API table, or NULL when loading failed (then `error` says why).
  const OrtApi *api;
  /// A process-unique identity of the loaded library (the address of `OrtGetApiBase`); NULL on failure.
  const void *identity;
  /// The library's version string (e.g. "1.31.1"), owned by the library; NULL when unknown.
  const char *version;
} CORTLoadResult;

/// The ORT_API_VERSION this header (and so the Swift wrapper) was built against.
uint32_t cort_api_version(void);

/// Loads the ONNX Runtime shared library at `path` (a file path or a bare soname for the system
/// search path) and returns its API table for ORT_API_VERSION.
///
/// On failure `result.api` is NULL and `error` (of `error_len` bytes, always NUL-terminated when
/// `error_len > 0`) holds one line saying why: dlopen's message, a missing `OrtGetApiBase` symbol, or
/// a library too old for ORT_API_VERSION. A successfully loaded library is never unloaded.
CORTLoadResult cort_load(const char *path, char *error, size_t error_len);

#ifdef __cplusplus
}
#endif

#endif
