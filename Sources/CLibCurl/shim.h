// System library module for libcurl (libcurl4-openssl-dev): the whole public C API.
#ifndef STOCKADE_CLIBCURL_SHIM_H
#define STOCKADE_CLIBCURL_SHIM_H
#include <curl/curl.h>
#endif
