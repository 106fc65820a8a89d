#!/usr/bin/env python3
"""Regenerates Sources/KubeSchema/Resources/builtin-definitions.json.

Downloads the PyPI wheel kubernetes-validate==1.37.0 (pip download --no-deps, ~22 MB) into a temporary
directory, reads kubernetes_validate/kubernetes-json-schema/v1.36.0-local/_definitions.json (JSON Schema
`$defs` with the x-kubernetes-* extensions of the Kubernetes v1.36 OpenAPI document) and writes the
definitions reachable from the built-in kinds the embedded API server serves, in OpenAPI v3 component
style:

  {"NAME": schema, ...}   with   {"$ref": "#/components/schemas/NAME"}

Conversions:
  * type arrays such as ["string", "null"] become one `type`; "null" becomes `"nullable": true`
    (Go decoding of built-in types accepts null for every field);
  * IntOrString references become {"x-kubernetes-int-or-string": true, "format": "int-or-string"};
  * Quantity references become {"type": "string", "format": "quantity"} (the validator also accepts
    numbers for format quantity);
  * the `enum` on the top-level apiVersion/kind of a kind is dropped (the server defaults and checks
    those from the URL), as are x-kubernetes-unions;
  * FieldsV1 and definitions without any type (apiextensions JSON, JSONSchemaPropsOr*) get
    x-kubernetes-preserve-unknown-fields, so their free-form content is never pruned;
  * descriptions are kept only on a kind's own definition and its direct properties, and are dropped
    entirely if the file would otherwise exceed the size budget.

Usage: scripts/gen-builtin-schemas.py [--wheel PATH]   (run from anywhere; writes into the repo)
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import zipfile

PACKAGE = "kubernetes-validate==1.37.0"
MEMBER = "kubernetes_validate/kubernetes-json-schema/v1.36.0-local/_definitions.json"
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "KubeSchema", "Resources",
                      "builtin-definitions.json")
SIZE_BUDGET = 900 * 1024  # well under 1 MiB

# (group, version, kind) of every root; "" is the core group.
ROOTS = [
    ("", "v1", "Namespace"), ("", "v1", "ConfigMap"), ("", "v1", "Secret"), ("", "v1", "ServiceAccount"),
    ("", "v1", "Service"), ("", "v1", "Pod"), ("", "v1", "Event"),
    ("events.k8s.io", "v1", "Event"),
    ("apps", "v1", "Deployment"), ("apps", "v1", "ReplicaSet"),
    ("autoscaling", "v2", "HorizontalPodAutoscaler"), ("autoscaling", "v1", "Scale"),
    ("coordination.k8s.io", "v1", "Lease"),
    ("apiextensions.k8s.io", "v1", "CustomResourceDefinition"),
    ("", "v1", "Status"), ("meta", "v1", "DeleteOptions"),
]
EXTRA_ROOTS = ["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]

INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"
QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity"
INLINE = {
    INT_OR_STRING: {"x-kubernetes-int-or-string": True, "format": "int-or-string"},
    QUANTITY: {"type": "string", "format": "quantity"},
}
DROPPED_KEYS = {"x-kubernetes-unions"}
# Free-form values: Go types with custom JSON (un)marshalling whose content has no schema.
FREE_FORM = {"io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1"}


def read_wheel(wheel):
    with zipfile.ZipFile(wheel) as z:
        with z.open(MEMBER) as f:
            return json.load(f)["$defs"]


def load_definitions(wheel):
    if wheel is not None:
        return read_wheel(wheel)
    with tempfile.TemporaryDirectory(prefix="kubernetes-validate-") as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", PACKAGE, "-d", tmp],
                       check=True)
        wheels = [f for f in os.listdir(tmp) if f.endswith(".whl")]
        if len(wheels) != 1:
            sys.exit(f"expected one wheel in {tmp}, found {wheels}")
        return read_wheel(os.path.join(tmp, wheels[0]))


def ref_name(ref):
    return ref.rsplit("/", 1)[-1]


def find_root(defs, group, version, kind):
    matches = [name for name, d in defs.items()
               if any(g.get("group", "") == group and g["version"] == version and g["kind"] == kind
                      for g in d.get("x-kubernetes-group-version-kind", []))]
    if group == "meta" and not matches:
        matches = [n for n in defs if n == f"io.k8s.apimachinery.pkg.apis.meta.v1.{kind}"]
    if len(matches) != 1:
        sys.exit(f"{group}/{version} {kind}: expected one definition, found {matches}")
    return matches[0]


def refs_in(node, out):
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            out.add(ref_name(node["$ref"]))
        for key, value in node.items():
            if key == "properties":
                for prop in value.values():
                    refs_in(prop, out)
            elif key not in ("enum", "default", "x-kubernetes-group-version-kind", "$ref"):
                refs_in(value, out)
    elif isinstance(node, list):
        for value in node:
            refs_in(value, out)


def reachable(defs, roots):
    seen, stack = set(), list(roots)
    while stack:
        name = stack.pop()
        if name in seen or name in INLINE:
            continue
        seen.add(name)
        found = set()
        refs_in(defs[name], found)
        stack.extend(found)
    return seen


def convert(node, keep_description, in_properties=False):
    """Converts one schema node (not a `properties` map)."""
    if isinstance(node, list):
        return [convert(v, keep_description) for v in node]
    if not isinstance(node, dict):
        return node
    if isinstance(node.get("$ref"), str) and ref_name(node["$ref"]) in INLINE:
        out = dict(INLINE[ref_name(node["$ref"])])
        out["nullable"] = True
        if keep_description and "description" in node:
            out["description"] = node["description"]
        return out
    out = {}
    for key, value in node.items():
        if key in DROPPED_KEYS:
            continue
        if key == "description" and not keep_description:
            continue
        if key == "$ref":
            out["$ref"] = "#/components/schemas/" + ref_name(value)
        elif key == "type" and isinstance(value, list):
            types = [t for t in value if t != "null"]
            if len(types) != 1:
                sys.exit(f"cannot collapse type {value}")
            out["type"] = types[0]
            if "null" in value:
                out["nullable"] = True
        elif key == "properties":
            out["properties"] = {k: convert(v, False) for k, v in value.items()}
        elif key in ("items", "additionalProperties"):
            out[key] = convert(value, False)
        else:
            out[key] = value
    return out


# Defaults kube-apiserver's own OpenAPI declares (from the Go `+default` markers) that the JSON-schema
# conversion in kubernetes-validate drops. Server-side apply needs them: a list-map key field such as
# ContainerPort.protocol may be omitted only when it has a default.
KNOWN_DEFAULTS = {
    ("io.k8s.api.core.v1.ContainerPort", "protocol"): "TCP",
    ("io.k8s.api.core.v1.ServicePort", "protocol"): "TCP",
}


def convert_definition(name, node, is_kind, keep_descriptions):
    out = convert(node, keep_descriptions and is_kind)
    for (definition, prop), value in KNOWN_DEFAULTS.items():
        if definition == name and prop in out.get("properties", {}):
            out["properties"][prop]["default"] = value
    if is_kind and keep_descriptions:
        # descriptions on a kind's direct properties
        for key, prop in node.get("properties", {}).items():
            if "description" in prop:
                out["properties"][key]["description"] = prop["description"]
    if name in FREE_FORM or not any(k in out for k in ("type", "properties", "items", "additionalProperties")):
        out["x-kubernetes-preserve-unknown-fields"] = True
    if is_kind:
        for key in ("apiVersion", "kind"):
            out.get("properties", {}).get(key, {}).pop("enum", None)
    return out


def build(defs, keep_descriptions):
    kinds = [find_root(defs, *root) for root in ROOTS]
    names = reachable(defs, kinds + EXTRA_ROOTS)
    result = {}
    for name in sorted(names):
        result[name] = convert_definition(name, defs[name], name in kinds, keep_descriptions)
    return json.dumps(result, sort_keys=True, separators=(",", ":")) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wheel", help="use an already downloaded kubernetes_validate wheel")
    args = parser.parse_args()
    defs = load_definitions(args.wheel)
    text = build(defs, keep_descriptions=True)
    if len(text.encode()) > SIZE_BUDGET:
        text = build(defs, keep_descriptions=False)
    if len(text.encode()) > SIZE_BUDGET:
        sys.exit(f"generated schema is {len(text.encode())} bytes, over the {SIZE_BUDGET} byte budget")
    with open(OUTPUT, "w") as f:
        f.write(text)
    print(f"wrote {os.path.normpath(OUTPUT)}: {len(json.loads(text))} definitions, {len(text.encode())} bytes")


if __name__ == "__main__":
    main()
