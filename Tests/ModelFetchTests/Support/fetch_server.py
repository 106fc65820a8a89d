#!/usr/bin/env python3
"""Test servers for ModelFetchTests (Python 3 standard library only).

    fetch_server.py DOCROOT ACCESS_KEY SECRET_KEY SESSION_TOKEN REGION

Serves files from DOCROOT on two kernel-chosen ports of 127.0.0.1 and prints them as one JSON
line, {"http": P, "s3": P}; exits when its standard input closes.

http (NAME is a file in DOCROOT; every request carrying key=K is logged under K):
  /plain/NAME                      200 with ETag, or 206 for "Range: bytes=N-" (If-Range honoured)
  /norange/NAME                    always 200 with the whole file
  /drop/NAME?key=K&at=N            like /plain, but the first request for K sends only N body bytes
                                   and then closes the connection
  /drop-norange/NAME?key=K&at=N    like /norange, with the same first-request drop
  /flaky/NAME?key=K&fail=F&status=S[&retry_after=R]
                                   the first F requests for K get status S (with Retry-After: R),
                                   later ones are served like /plain
  /redirect/NAME?to=PATH           302 to PATH (relative), e.g. /plain/NAME
  /log?key=K                       JSON list of {"range": ..., "if_range": ...} of K's requests

s3 (path-style, GET /BUCKET/KEY -> DOCROOT/BUCKET/KEY): a request is served only when its AWS
Signature Version 4 verifies: an independent implementation of the SigV4 spec (canonical request
from the SignedHeaders the client lists, x-amz-content-sha256 as the payload hash), the access key
and region above, an x-amz-date within 15 minutes, and x-amz-security-token equal to SESSION_TOKEN
(signed). Failures answer like S3: 403 with <Error><Code>SignatureDoesNotMatch|InvalidAccessKeyId|
InvalidToken|AccessDenied|RequestTimeTooSkewed</Code><Message>...</Message></Error>; a missing object
is 404 NoSuchKey. Range requests as /plain; a request without Range for a key starting with
"drop-once/" is cut off after 1000 body bytes. Logs under key "s3": range and authorization headers.
"""

import datetime
import hashlib
import hmac
import json
import os
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, parse_qsl, quote, unquote, urlparse

DOCROOT = sys.argv[1]
ACCESS_KEY, SECRET_KEY, SESSION_TOKEN, REGION = sys.argv[2:6]
CHUNK = 1 << 20

lock = threading.Lock()
logs = {}
counts = {}


def record(key, entry):
    with lock:
        logs.setdefault(key, []).append(entry)
        counts[key] = counts.get(key, 0) + 1
        return counts[key]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_body(self, status, body, content_type="text/plain", extra=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def serve_file(self, path, ranges=True, drop_at=None):
        """The file at path, honouring Range when ranges; drop_at cuts the body after that many bytes."""
        size = os.path.getsize(path)
        etag = '"%x-%x"' % (size, int(os.path.getmtime(path)))
        start = 0
        header = self.headers.get("Range")
        if_range = self.headers.get("If-Range")
        if ranges and header and header.startswith("bytes=") and header.endswith("-") and (if_range is None or if_range == etag):
            start = int(header[6:-1])
            if start >= size:
                self.send_body(416, b"", extra=[("Content-Range", "bytes */%d" % size)])
                return
            self.send_response(206)
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, size - 1, size))
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(size - start))
        self.send_header("Content-Type", "application/octet-stream")
        if ranges:
            self.send_header("ETag", etag)
            self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        remaining = size - start if drop_at is None else min(drop_at, size - start)
        with open(path, "rb") as f:
            f.seek(start)
            while remaining > 0:
                data = f.read(min(CHUNK, remaining))
                if not data:
                    break
                self.wfile.write(data)
                remaining -= len(data)
        if drop_at is not None:
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)


class HTTPHandler(Handler):
    def do_GET(self):
        url = urlparse(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        parts = url.path.split("/", 2)
        mode = parts[1] if len(parts) > 1 else ""
        if mode == "log":
            with lock:
                entries = list(logs.get(query.get("key"), []))
            self.send_body(200, json.dumps(entries).encode(), "application/json")
            return
        if mode == "redirect":
            self.send_body(302, b"moved", extra=[("Location", query["to"])])
            return
        if len(parts) < 3:
            self.send_body(404, b"not found")
            return
        path = os.path.join(DOCROOT, unquote(parts[2]))
        key = query.get("key")
        count = record(key, {"range": self.headers.get("Range"), "if_range": self.headers.get("If-Range")}) if key else 1
        if not os.path.isfile(path):
            self.send_body(404, b"no such model: " + parts[2].encode())
            return
        if mode == "plain":
            self.serve_file(path)
        elif mode == "norange":
            self.serve_file(path, ranges=False)
        elif mode in ("drop", "drop-norange"):
            drop_at = int(query["at"]) if count == 1 else None
            self.serve_file(path, ranges=(mode == "drop"), drop_at=drop_at)
        elif mode == "flaky":
            if count <= int(query["fail"]):
                extra = [("Retry-After", query["retry_after"])] if "retry_after" in query else []
                self.send_body(int(query["status"]), b"try again later", extra=extra)
            else:
                self.serve_file(path)
        else:
            self.send_body(404, b"unknown mode " + mode.encode())


def s3_error(handler, status, code, message):
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>%s</Code><Message>%s</Message>'
            '<RequestId>test</RequestId></Error>' % (code, message)).encode()
    handler.send_body(status, body, "application/xml")


def sign(key, text):
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def verify_sigv4(handler, url):
    """None when the request's SigV4 signature is valid, else (status, code, message)."""
    auth = handler.headers.get("Authorization")
    if not auth:
        return 403, "AccessDenied", "Access Denied"
    algorithm, _, fields = auth.partition(" ")
    if algorithm != "AWS4-HMAC-SHA256":
        return 400, "InvalidArgument", "Unsupported Authorization Type"
    params = {}
    for item in fields.split(","):
        name, _, value = item.strip().partition("=")
        params[name] = value
    try:
        access_key, date, region, service, terminal = params["Credential"].split("/")
        signed_headers = params["SignedHeaders"].split(";")
        signature = params["Signature"]
    except (KeyError, ValueError):
        return 400, "AuthorizationHeaderMalformed", "The authorization header is malformed"
    if access_key != ACCESS_KEY:
        return 403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records."
    if region != REGION or service != "s3" or terminal != "aws4_request":
        return 400, "AuthorizationHeaderMalformed", "the region '%s' is wrong; expecting '%s'" % (region, REGION)
    amz_date = handler.headers.get("x-amz-date", "")
    try:
        when = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
    except ValueError:
        return 403, "AccessDenied", "AWS authentication requires a valid Date or x-amz-date header"
    if not amz_date.startswith(date) or abs((datetime.datetime.now(datetime.timezone.utc) - when).total_seconds()) > 900:
        return 403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large."
    payload_hash = handler.headers.get("x-amz-content-sha256")
    if payload_hash is None:
        return 400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256"
    for required in ("host", "x-amz-date", "x-amz-content-sha256"):
        if required not in signed_headers:
            return 403, "AccessDenied", "header %s must be signed" % required
    token = handler.headers.get("x-amz-security-token")
    if token != SESSION_TOKEN or "x-amz-security-token" not in signed_headers:
        return 403, "InvalidToken", "The provided token is malformed or otherwise invalid."

    canonical_uri = quote(unquote(url.path), safe="/~")
    query = sorted((quote(k, safe="~"), quote(v, safe="~")) for k, v in parse_qsl(url.query, keep_blank_values=True))
    canonical_query = "&".join("%s=%s" % pair for pair in query)
    canonical_headers = ""
    for name in signed_headers:
        values = handler.headers.get_all(name) or []
        canonical_headers += name + ":" + ",".join(" ".join(v.split()) for v in values) + "\n"
    canonical_request = "\n".join([handler.command, canonical_uri, canonical_query, canonical_headers,
                                   ";".join(signed_headers), payload_hash])
    scope = "%s/%s/s3/aws4_request" % (date, region)
    string_to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope,
                                hashlib.sha256(canonical_request.encode()).hexdigest()])
    key = sign(("AWS4" + SECRET_KEY).encode(), date)
    key = sign(key, region)
    key = sign(key, "s3")
    key = sign(key, "aws4_request")
    expected = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        return 403, "SignatureDoesNotMatch", ("The request signature we calculated does not match the signature "
                                             "you provided. Check your key and signing method.")
    if payload_hash not in ("UNSIGNED-PAYLOAD", hashlib.sha256(b"").hexdigest()):
        return 400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed."
    return None


class S3Handler(Handler):
    def do_GET(self):
        url = urlparse(self.path)
        count = record("s3", {"range": self.headers.get("Range"), "path": url.path,
                              "authorization": self.headers.get("Authorization")})
        failure = verify_sigv4(self, url)
        if failure:
            s3_error(self, *failure)
            return
        relative = unquote(url.path).lstrip("/")
        bucket, _, key = relative.partition("/")
        path = os.path.join(DOCROOT, bucket, key)
        if not key or not os.path.isfile(path):
            s3_error(self, 404, "NoSuchKey", "The specified key does not exist.")
            return
        drop = 1000 if key.startswith("drop-once/") and self.headers.get("Range") is None else None
        self.serve_file(path, drop_at=drop)


def main():
    servers = {"http": ThreadingHTTPServer(("127.0.0.1", 0), HTTPHandler),
               "s3": ThreadingHTTPServer(("127.0.0.1", 0), S3Handler)}
    for server in servers.values():
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print(json.dumps({name: server.server_address[1] for name, server in servers.items()}), flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    main()
