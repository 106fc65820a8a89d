// Typed, non-variadic wrappers around libcurl's variadic entry points
// (curl_easy_setopt, curl_easy_getinfo, curl_multi_setopt), which Swift cannot call,
// plus the few constants that curl.h defines as compound macros Swift does not import.
// Each wrapper passes its argument through with exactly the C type libcurl expects
// for that option family, so the option/type pairing is the caller's contract.
#ifndef STOCKADE_CCURLSHIMS_H
#define STOCKADE_CCURLSHIMS_H

#include <curl/curl.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// CURL_WRITEFUNC_PAUSE: returned by a write/header callback to pause receiving.
extern const size_t stk_curl_writefunc_pause;

/// curl_global_init(CURL_GLOBAL_DEFAULT).
CURLcode stk_curl_global_init(void);

// MARK: curl_easy_setopt, one function per argument type

/// Options taking a `long` (CURLOPT_NOSIGNAL, CURLOPT_HTTP_VERSION, CURLOPT_SSL_VERIFYPEER, ...).
CURLcode stk_easy_setopt_long(CURL *handle, CURLoption option, long value);
/// Options taking a `curl_off_t` (the *_LARGE options).
CURLcode stk_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
/// Options taking a string; libcurl copies strings (except CURLOPT_POSTFIELDS). NULL resets.
CURLcode stk_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
/// Options taking an untyped pointer (CURLOPT_PRIVATE, *DATA user pointers, CURLOPT_ERRORBUFFER,
/// CURLOPT_COPYPOSTFIELDS).
CURLcode stk_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
/// Options taking a `struct curl_blob *` (CURLOPT_CAINFO_BLOB, CURLOPT_SSLCERT_BLOB, CURLOPT_SSLKEY_BLOB).
/// The bytes are copied by libcurl (CURL_BLOB_COPY), so they need not outlive the call.
CURLcode stk_easy_setopt_blob(CURL *handle, CURLoption option, const void *data, size_t length);
/// Options taking a `struct curl_slist *` (CURLOPT_HTTPHEADER, CURLOPT_CONNECT_TO, ...).
/// libcurl does NOT copy the list: it must outlive the easy handle's use of it.
CURLcode stk_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *list);

/// CURLOPT_WRITEFUNCTION.
CURLcode stk_easy_setopt_write_function(CURL *handle, curl_write_callback callback);
/// CURLOPT_HEADERFUNCTION (same signature as the write callback).
CURLcode stk_easy_setopt_header_function(CURL *handle, curl_write_callback callback);
/// CURLOPT_XFERINFOFUNCTION (also set CURLOPT_NOPROGRESS to 0 for it to be called).
CURLcode stk_easy_setopt_xferinfo_function(CURL *handle, curl_xferinfo_callback callback);

// MARK: curl_easy_getinfo, one function per result type

CURLcode stk_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode stk_easy_getinfo_double(CURL *handle, CURLINFO info, double *value);
CURLcode stk_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
/// The string is owned by the easy handle; copy it before the handle is cleaned up.
CURLcode stk_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value);

// MARK: curl_easy_pause

/// curl_easy_pause(handle, CURLPAUSE_CONT): resume both directions.
CURLcode stk_easy_unpause(CURL *handle);

// MARK: curl_multi_setopt

/// Multi options taking a `long` (CURLMOPT_PIPELINING, CURLMOPT_MAX_HOST_CONNECTIONS, ...).
CURLMcode stk_multi_setopt_long(CURLM *multi, CURLMoption option, long value);

// MARK: CURLMsg

/// The result code of a CURLMSG_DONE message.
CURLcode stk_multi_msg_result(const CURLMsg *message);

#ifdef __cplusplus
}
#endif

#endif
