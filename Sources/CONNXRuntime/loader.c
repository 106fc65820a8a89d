// Run-time loader for ONNX Runtime; see include/CONNXRuntime.h.
#include "CONNXRuntime.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

typedef const OrtApiBase *(*cort_get_api_base_fn)(void);

uint32_t cort_api_version(void) { return ORT_API_VERSION; }

/// Copies `message` into `error`, turning line breaks into spaces so the result is one line.
static void cort_set_error(char *error, size_t error_len, const char *message) {
  if (error == NULL || error_len == 0) return;
  snprintf(error, error_len, "%s", message != NULL ? message : "unknown error");
  for (char *c = error; *c != '\0'; c++) {
    if (*c == '\n' || *c == '\r') *c = ' ';
  }
}

CORTLoadResult cort_load(const char *path, char *error, size_t error_len) {
  CORTLoadResult result = {NULL, NULL, NULL};
  char message[1024];
  if (path == NULL || path[0] == '\0') {
    cort_set_error(error, error_len, "empty library path");
    return result;
  }
  dlerror();  // clear any stale error
  void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (handle == NULL) {
    cort_set_error(error, error_len, dlerror());
    return result;
  }
  dlerror();
  cort_get_api_base_fn get_api_base = (cort_get_api_base_fn)dlsym(handle, "OrtGetApiBase");
  if (get_api_base == NULL) {
    const char *reason = dlerror();
    snprintf(message, sizeof message, "not an ONNX Runtime library: symbol OrtGetApiBase not found (%s)",
             reason != NULL ? reason : "dlsym returned NULL");
    cort_set_error(error, error_len, message);
    dlclose(handle);
    return result;
  }
  const OrtApiBase *base = get_api_base();
  if (base == NULL) {
    cort_set_error(error, error_len, "OrtGetApiBase returned NULL");
    dlclose(handle);
    return result;
  }
  const char *version = base->GetVersionString != NULL ? base->GetVersionString() : NULL;
  const OrtApi *api = base->GetApi != NULL ? base->GetApi(ORT_API_VERSION) : NULL;
  if (api == NULL) {
    snprintf(message, sizeof message,
             "ONNX Runtime %s does not provide C API version %d (ONNX Runtime 1.%d or newer is required)",
             version != NULL ? version : "(unknown version)", ORT_API_VERSION, ORT_API_VERSION);
    cort_set_error(error, error_len, message);
    dlclose(handle);
    return result;
  }
  // The handle is deliberately kept open: ONNX Runtime must never be unloaded while in use, and a
  // second dlopen of the same file returns the same library.
  result.api = api;
  result.identity = (const void *)get_api_base;
  result.version = version;
  return result;
}
