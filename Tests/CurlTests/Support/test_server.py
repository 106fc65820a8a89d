#!/usr/bin/env python3
"""Test servers for CurlTests (Python 3 standard library only).

    test_server.py servers CERT_DIR
        Serves, on 127.0.0.1 with ports chosen by the kernel:
          https  HTTP/1.1 over TLS (server.pem from ca.pem), the endpoints below
          mtls   the same, but requires a client certificate issued by ca.pem
          stall  accepts TCP connections and never answers (not even the TLS handshake)
          proxy  an HTTP CONNECT proxy that tunnels *.stockade.test:PORT to 127.0.0.1:PORT
                 and answers 403 for every other host
          closed a port nothing listens on
        and prints them as one JSON line: {"https": P, "mtls": P, "stall": P, "proxy": P, "closed": P}.

    test_server.py nghttpd CERT_DIR DOCROOT
        Runs nghttpd (HTTP/2 over TLS, --echo-upload) on a kernel-chosen port and prints {"h2": P}.

Both exit when their standard input closes, so they never outlive the test process; `servers`
then deletes CERT_DIR.

Endpoints (any method):
  /echo                    JSON {method, path, headers: [[name, value]...], body: base64, client: CN|null}
  /raw                     the request body, as is
  /status/CODE             that status; body "status CODE"
  /headers                 repeated and mixed-case response headers
  /retry                   429 with Retry-After: 7
  /slow?ms=N               answers after N ms
  /stall?id=X              sends a head promising 10 bytes, then nothing until the client disconnects;
                           counts as a waiter at gate "stall-X"
  /bytes?n=N[&chunked=1]   N bytes of the pattern i % 251
  /stream?lines=N[&gate=G][&close_after=K]
                           chunked "line i\\n" x N; after line 0 waits for gate G; after K lines
                           drops the connection without the terminating chunk
  /close-delimited?lines=N no length, no chunking: the body ends when the server closes
  /infinite?id=X           chunked 4 KiB lines until the client goes away
  /held?gate=G             waits for gate G, then answers "released"
  /release?gate=G          opens gate G
  /gate-wait?gate=G&count=C answers once C requests wait at gate G (504 after 30 s)
  /closed?id=X             answers once the client of /infinite or /stall id X disconnected (504 after 30 s)
"""

import base64
import json
import os
import select
import shutil
import socket
import socketserver
import ssl
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

WAIT_LIMIT = 30.0
PATTERN = bytes(range(251))


class Gate:
    def __init__(self):
        self.cond = threading.Condition()
        self.open = False
        self.waiting = 0

    def arrive(self):
        with self.cond:
            self.waiting += 1
            self.cond.notify_all()

    def wait(self):
        self.arrive()
        with self.cond:
            self.cond.wait_for(lambda: self.open, WAIT_LIMIT)

    def release(self):
        with self.cond:
            self.open = True
            self.cond.notify_all()

    def wait_for_waiters(self, count):
        with self.cond:
            return self.cond.wait_for(lambda: self.waiting >= count, WAIT_LIMIT)


registry_lock = threading.Lock()
gates = {}
closed_events = {}


def gate(name):
    with registry_lock:
        return gates.setdefault(name, Gate())


def closed_event(name):
    with registry_lock:
        return closed_events.setdefault(name, threading.Event())


def pattern(n):
    return (PATTERN * (n // len(PATTERN) + 1))[:n]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        if isinstance(self.connection, ssl.SSLSocket):
            self.connection.settimeout(10)
            try:
                self.connection.do_handshake()
            except (ssl.SSLError, OSError):
                # Like a graceful server, let the client read our TLS alert: drain what it sent
                # (bypassing TLS) until it closes, so that closing does not reset the connection.
                try:
                    while socket.socket.recv(self.connection, 65536):
                        pass
                except OSError:
                    pass
                raise
            self.connection.settimeout(None)

    def handle(self):
        try:
            super().handle()
        except (ssl.SSLError, ConnectionError, TimeoutError, OSError):
            pass

    def do_GET(self):
        self.route()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_HEAD = do_PROPFIND = do_GET

    # MARK: helpers

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def reply(self, status, body=b"", headers=(), content_type="text/plain"):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if status not in (204, 304):
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and status not in (204, 304):
            self.wfile.write(body)

    def chunk(self, data):
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def start_chunked(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.flush()

    def drop_connection(self):
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def wait_for_disconnect(self, name):
        """Blocks until the peer closes the connection (or the wait limit)."""
        sock = self.connection
        deadline = time.monotonic() + WAIT_LIMIT
        try:
            while time.monotonic() < deadline:
                readable, _, _ = select.select([sock], [], [], 0.5)
                if readable and not sock.recv(1024):
                    break
        except (OSError, ssl.SSLError):
            pass
        closed_event(name).set()
        self.close_connection = True

    # MARK: routes

    def route(self):
        url = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        body = self.read_body()
        path = url.path

        if path == "/echo":
            cert = self.connection.getpeercert() if isinstance(self.connection, ssl.SSLSocket) else None
            client = None
            if cert:
                client = dict(x[0] for x in cert.get("subject", ())).get("commonName")
            doc = {
                "method": self.command,
                "path": self.path,
                "headers": [[k, v] for k, v in self.headers.items()],
                "body": base64.b64encode(body).decode(),
                "client": client,
            }
            self.reply(200, json.dumps(doc).encode(), content_type="application/json")
        elif path == "/raw":
            self.reply(200, body, content_type="application/octet-stream")
        elif path.startswith("/status/"):
            code = int(path.rsplit("/", 1)[1])
            self.reply(code, b"status %d" % code)
        elif path == "/headers":
            self.reply(200, b"headers", headers=[
                ("X-Multi", "one"), ("X-Multi", "two"), ("Mixed-Case-Header", "Value"),
                ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")])
        elif path == "/retry":
            self.reply(429, b"slow down", headers=[("Retry-After", "7")])
        elif path == "/slow":
            time.sleep(int(q.get("ms", "1000")) / 1000)
            self.reply(200, b"slow")
        elif path == "/stall":
            self.send_response(200)
            self.send_header("Content-Length", "10")
            self.end_headers()
            self.wfile.flush()
            gate("stall-" + q.get("id", "")).arrive()
            self.wait_for_disconnect(q.get("id", ""))
        elif path == "/bytes":
            data = pattern(int(q["n"]))
            if q.get("chunked") == "1":
                self.start_chunked()
                for start in range(0, len(data), 65536):
                    self.chunk(data[start:start + 65536])
                self.wfile.write(b"0\r\n\r\n")
            else:
                self.reply(200, data, content_type="application/octet-stream")
        elif path == "/stream":
            self.stream(int(q.get("lines", "3")), q.get("gate"), q.get("close_after"))
        elif path == "/close-delimited":
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            for i in range(int(q.get("lines", "3"))):
                self.wfile.write(b"line %d\n" % i)
            self.wfile.flush()
            self.drop_connection()
        elif path == "/infinite":
            self.start_chunked()
            line = b"x" * 4095 + b"\n"
            try:
                while True:
                    self.chunk(line)
                    time.sleep(0.005)
            except (OSError, ssl.SSLError):
                closed_event(q.get("id", "")).set()
                self.close_connection = True
        elif path == "/held":
            gate(q["gate"]).wait()
            self.reply(200, b"released")
        elif path == "/release":
            gate(q["gate"]).release()
            self.reply(200, b"ok")
        elif path == "/gate-wait":
            ok = gate(q["gate"]).wait_for_waiters(int(q["count"]))
            self.reply(200 if ok else 504, b"waiting" if ok else b"not enough waiters")
        elif path == "/closed":
            ok = closed_event(q["id"]).wait(WAIT_LIMIT)
            self.reply(200 if ok else 504, b"closed" if ok else b"still open")
        else:
            self.reply(404, b"no such endpoint")

    def stream(self, lines, gate_name, close_after):
        self.start_chunked()
        for i in range(lines):
            if close_after is not None and i == int(close_after):
                self.drop_connection()
                return
            self.chunk(b"line %d\n" % i)
            if i == 0 and gate_name:
                gate(gate_name).wait()
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024

    def handle_error(self, request, client_address):
        pass  # failed handshakes are expected (missing or untrusted client certificates)


def https_server(cert_dir, require_client_cert):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(os.path.join(cert_dir, "server.pem"), os.path.join(cert_dir, "server-key.pem"))
    context.set_alpn_protocols(["http/1.1"])
    if require_client_cert:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(os.path.join(cert_dir, "ca.pem"))
    server = Server(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
    return server


class StallHandler(socketserver.BaseRequestHandler):
    def handle(self):
        try:
            while self.request.recv(1024):
                pass
        except OSError:
            pass


class ProxyHandler(socketserver.StreamRequestHandler):
    def handle(self):
        request_line = self.rfile.readline().decode("latin-1").strip()
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass
        parts = request_line.split()
        if len(parts) < 2 or parts[0] != "CONNECT":
            self.wfile.write(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            return
        host, _, port = parts[1].rpartition(":")
        if not host.endswith(".stockade.test"):
            self.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            return
        upstream = socket.create_connection(("127.0.0.1", int(port)))
        self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        self.wfile.flush()
        pair = {self.connection: upstream, upstream: self.connection}
        try:
            while True:
                readable, _, _ = select.select(list(pair), [], [], WAIT_LIMIT)
                if not readable:
                    return
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    pair[sock].sendall(data)
        except OSError:
            pass
        finally:
            upstream.close()


class TCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024


def serve(server):
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def closed_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def listening_port(pid):
    """The TCP port process `pid` listens on, from /proc, or None."""
    inodes = set()
    try:
        for fd in os.listdir("/proc/%d/fd" % pid):
            target = os.readlink("/proc/%d/fd/%s" % (pid, fd))
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    except OSError:
        return None
    with open("/proc/net/tcp") as table:
        for row in table.readlines()[1:]:
            fields = row.split()
            if fields[3] == "0A" and fields[9] in inodes:
                return int(fields[1].split(":")[1], 16)
    return None


def run_nghttpd(cert_dir, docroot):
    child = subprocess.Popen(
        ["nghttpd", "-a", "127.0.0.1", "-d", docroot, "--echo-upload", "0",
         os.path.join(cert_dir, "server-key.pem"), os.path.join(cert_dir, "server.pem")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + WAIT_LIMIT
    port = None
    while port is None and child.poll() is None and time.monotonic() < deadline:
        port = listening_port(child.pid)
        if port is None:
            time.sleep(0.02)
    if port is None:
        child.kill()
        sys.exit("nghttpd did not start")
    threading.Thread(target=lambda: (sys.stdin.read(), child.kill(), os._exit(0)), daemon=True).start()
    print(json.dumps({"h2": port}), flush=True)
    child.wait()


def main():
    mode, cert_dir = sys.argv[1], sys.argv[2]
    if mode == "nghttpd":
        run_nghttpd(cert_dir, sys.argv[3])
        return
    ports = {
        "https": serve(https_server(cert_dir, False)),
        "mtls": serve(https_server(cert_dir, True)),
        "stall": serve(TCPServer(("127.0.0.1", 0), StallHandler)),
        "proxy": serve(TCPServer(("127.0.0.1", 0), ProxyHandler)),
        "closed": closed_port(),
    }
    print(json.dumps(ports), flush=True)
    sys.stdin.read()
    shutil.rmtree(cert_dir, ignore_errors=True)  # the test process is gone; its certificates go too
    os._exit(0)


if __name__ == "__main__":
    main()
