#!/usr/bin/env python3
"""Capture the Kubernetes-protobuf request bodies that the real kubectl sends.

kubectl's imperative commands (`kubectl create configmap|secret generic|namespace|
serviceaccount|deployment|service clusterip`, `kubectl autoscale`) use client-go's typed
clientset, which encodes request bodies as `application/vnd.kubernetes.protobuf`. This script
runs those commands against a tiny stub API server (Python stdlib, plain HTTP on 127.0.0.1),
records each protobuf POST body, and also records the JSON that the same command prints with
`--dry-run=client -o json` (the same typed object, serialized by client-go as JSON).

It writes, under Tests/KubeProtobufTests/Fixtures/:
  kubectl-<case>.pb.hex      the POST body as lowercase hex (k8s\\0 envelope included)
  kubectl-<case>.json        the client-side dry-run JSON of the same object
  kubectl-captures.json      one entry per case: command, method, path, content type, accept

Usage: scripts/capture-kubectl-protobuf.py [--kubectl PATH]
Requires kubectl on PATH (recorded with v1.32). The stub answers legacy discovery only.
"""

import argparse
import http.server
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import threading

REPO = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = REPO / "Tests" / "KubeProtobufTests" / "Fixtures"

RESOURCES = {
    "/api/v1": {
        "kind": "APIResourceList", "groupVersion": "v1",
        "resources": [
            {"name": "configmaps", "singularName": "configmap", "namespaced": True, "kind": "ConfigMap",
             "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"], "shortNames": ["cm"]},
            {"name": "secrets", "singularName": "secret", "namespaced": True, "kind": "Secret",
             "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"]},
            {"name": "namespaces", "singularName": "namespace", "namespaced": False, "kind": "Namespace",
             "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"], "shortNames": ["ns"]},
            {"name": "serviceaccounts", "singularName": "serviceaccount", "namespaced": True,
             "kind": "ServiceAccount", "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"],
             "shortNames": ["sa"]},
            {"name": "services", "singularName": "service", "namespaced": True, "kind": "Service",
             "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"], "shortNames": ["svc"]},
        ],
    },
    "/apis/apps/v1": {
        "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "apps/v1",
        "resources": [
            {"name": "deployments", "singularName": "deployment", "namespaced": True, "kind": "Deployment",
             "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"], "shortNames": ["deploy"]},
            {"name": "deployments/scale", "singularName": "", "namespaced": True, "group": "autoscaling",
             "version": "v1", "kind": "Scale", "verbs": ["get", "patch", "update"]},
        ],
    },
    "/apis/autoscaling/v2": {
        "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "autoscaling/v2",
        "resources": [
            {"name": "horizontalpodautoscalers", "singularName": "horizontalpodautoscaler", "namespaced": True,
             "kind": "HorizontalPodAutoscaler", "verbs": ["create", "delete", "get", "list", "patch", "update"],
             "shortNames": ["hpa"]},
        ],
    },
    "/apis/autoscaling/v1": {
        "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "autoscaling/v1",
        "resources": [
            {"name": "horizontalpodautoscalers", "singularName": "horizontalpodautoscaler", "namespaced": True,
             "kind": "HorizontalPodAutoscaler", "verbs": ["create", "delete", "get", "list", "patch", "update"],
             "shortNames": ["hpa"]},
        ],
    },
}

API_VERSIONS = {"kind": "APIVersions", "versions": ["v1"],
                "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"}]}
API_GROUPS = {
    "kind": "APIGroupList", "apiVersion": "v1",
    "groups": [
        {"name": "apps", "versions": [{"groupVersion": "apps/v1", "version": "v1"}],
         "preferredVersion": {"groupVersion": "apps/v1", "version": "v1"}},
        {"name": "autoscaling",
         "versions": [{"groupVersion": "autoscaling/v2", "version": "v2"},
                      {"groupVersion": "autoscaling/v1", "version": "v1"}],
         "preferredVersion": {"groupVersion": "autoscaling/v2", "version": "v2"}},
    ],
}

DEPLOYMENT_WEB = {
    "apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": {"name": "web", "namespace": "default", "uid": "0d6a1c5e-0000-4000-8000-000000000001",
                 "resourceVersion": "7", "labels": {"app": "web"}},
    "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "web"}},
             "template": {"metadata": {"labels": {"app": "web"}},
                          "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}}},
}


class Recorder:
    """State shared with the handler: the captured POST requests and the object to answer with."""

    def __init__(self):
        self.lock = threading.Lock()
        self.posts = []
        self.reply = {}


def make_handler(recorder):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def send_json(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if path == "/api":
                return self.send_json(200, API_VERSIONS)
            if path == "/apis":
                return self.send_json(200, API_GROUPS)
            if path in RESOURCES:
                return self.send_json(200, RESOURCES[path])
            if path == "/apis/apps/v1/namespaces/default/deployments/web":
                return self.send_json(200, DEPLOYMENT_WEB)
            self.send_json(404, {"kind": "Status", "apiVersion": "v1", "status": "Failure",
                                 "reason": "NotFound", "code": 404, "message": "not found: " + path})

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            with recorder.lock:
                recorder.posts.append({
                    "method": "POST",
                    "path": self.path,
                    "contentType": self.headers.get("Content-Type"),
                    "accept": self.headers.get("Accept"),
                    "body": body,
                })
                reply = recorder.reply
            self.send_json(201, reply)

    return Handler


CASES = [
    {"name": "configmap", "args": ["create", "configmap", "demo", "--from-literal=a=b",
                                   "--from-literal=empty=", "--from-file=blob={blob}"],
     "reply": {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "demo", "namespace": "default"}}},
    {"name": "secret", "args": ["create", "secret", "generic", "s", "--from-literal=k=v", "-n", "default"],
     "reply": {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s", "namespace": "default"}}},
    {"name": "namespace", "args": ["create", "namespace", "team-a"],
     "reply": {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team-a"}}},
    {"name": "serviceaccount", "args": ["create", "serviceaccount", "robot"],
     "reply": {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "robot", "namespace": "default"}}},
    {"name": "deployment", "args": ["create", "deployment", "web", "--image=nginx:1.27", "--port=8080",
                                    "--replicas=2"],
     "reply": {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default"}}},
    {"name": "deployment-command", "args": ["create", "deployment", "sleeper", "--image=busybox", "--",
                                            "sleep", "3600"],
     "reply": {"apiVersion": "apps/v1", "kind": "Deployment",
               "metadata": {"name": "sleeper", "namespace": "default"}}},
    {"name": "service", "args": ["create", "service", "clusterip", "web", "--tcp=80:8080", "--tcp=443:https"],
     "reply": {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "default"}}},
    {"name": "autoscale", "args": ["autoscale", "deployment", "web", "--min=1", "--max=3", "--cpu-percent=80"],
     "reply": {"apiVersion": "autoscaling/v1", "kind": "HorizontalPodAutoscaler",
               "metadata": {"name": "web", "namespace": "default"}}},
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kubectl", default="kubectl")
    options = parser.parse_args()

    recorder = Recorder()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(recorder))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]

    FIXTURES.mkdir(parents=True, exist_ok=True)
    manifest = []
    version = subprocess.run([options.kubectl, "version", "--client", "-o", "json"],
                             capture_output=True, text=True, check=True)
    kubectl_version = json.loads(version.stdout)["clientVersion"]["gitVersion"]

    with tempfile.TemporaryDirectory() as tmp:
        kubeconfig = pathlib.Path(tmp) / "kubeconfig"
        kubeconfig.write_text(
            "apiVersion: v1\nkind: Config\n"
            f"clusters:\n- name: stub\n  cluster:\n    server: http://127.0.0.1:{port}\n"
            "users:\n- name: u\n  user: {}\n"
            "contexts:\n- name: c\n  context:\n    cluster: stub\n    user: u\n    namespace: default\n"
            "current-context: c\n")
        blob = pathlib.Path(tmp) / "blob.bin"
        blob.write_bytes(bytes([0x00, 0xFF, 0xFE, 0x80, 0x41]))
        env = dict(os.environ, KUBECONFIG=str(kubeconfig), HOME=tmp)
        common = ["--kubeconfig", str(kubeconfig), "--cache-dir", str(pathlib.Path(tmp) / "cache")]

        for case in CASES:
            args = [a.replace("{blob}", str(blob)) for a in case["args"]]
            # The command's own flags must precede `--` (the container command of create deployment).
            split = args.index("--") if "--" in args else len(args)
            head, tail = args[:split], args[split:]

            dry = subprocess.run([options.kubectl, *common, *head, "--dry-run=client", "-o", "json", *tail],
                                 env=env, capture_output=True, text=True)
            if dry.returncode != 0:
                sys.exit(f"{case['name']}: dry run failed: {dry.stderr}")
            expected = json.loads(dry.stdout)

            with recorder.lock:
                recorder.posts.clear()
                recorder.reply = case["reply"]
            run = subprocess.run([options.kubectl, *common, *head, *tail], env=env, capture_output=True, text=True)
            if run.returncode != 0:
                sys.exit(f"{case['name']}: kubectl failed: {run.stderr}")
            with recorder.lock:
                posts = list(recorder.posts)
            if len(posts) != 1:
                sys.exit(f"{case['name']}: expected one POST, got {len(posts)}")
            post = posts[0]

            (FIXTURES / f"kubectl-{case['name']}.pb.hex").write_text(post["body"].hex() + "\n")
            (FIXTURES / f"kubectl-{case['name']}.json").write_text(json.dumps(expected, indent=2) + "\n")
            display = ["kubectl", *case["args"]]
            manifest.append({
                "name": case["name"],
                "command": " ".join(a.replace("{blob}", "blob.bin") for a in display),
                "method": post["method"],
                "path": post["path"],
                "contentType": post["contentType"],
                "accept": post["accept"],
            })
            print(f"{case['name']}: {post['path']} {post['contentType']} {len(post['body'])} bytes")

    (FIXTURES / "kubectl-captures.json").write_text(
        json.dumps({"kubectl": kubectl_version, "blobBytesHex": "00fffe8041", "captures": manifest}, indent=2)
        + "\n")
    server.shutdown()


if __name__ == "__main__":
    main()
