"""The official Basecamp OpenAPI spec, with nullability relaxed, for validating traffic.

CONFORMANCE.md: the real API sends null where the spec says string/integer, so every
property also allows null; everything else (required, types, enums) stays strict.
Where the spec and the bc3-api docs disagree, the sandbox follows the docs; those known
deviations are allowed here by name (KNOWN_DEVIATIONS) and nowhere else.
"""

from __future__ import annotations

import copy
import json
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jsonschema_rs

SPEC_ENV = "LOTI_OPENAPI_SPEC"
_URI = "urn:basecamp-openapi"
_METHODS = ("get", "post", "put", "delete", "patch")
# OpenAPI's integer formats, as the ranges they mean (JSON Schema's own formats are strings).
_INTEGER_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}

KNOWN_DEVIATIONS = {
    "question-wrapper": "docs wrap CreateQuestion/UpdateQuestion bodies in `question` and send "
                        "schedule.days as strings (plus time_of_day); the spec has no wrapper",
    "legacy-bucket-routes": "docs keep /buckets/{project_id}/... forms of flat routes; the spec "
                            "lists only the flat form, so they are validated as the flat route",
    "webhook-types-optional": "docs make CreateWebhook `types` optional (default [\"all\"]); "
                              "the spec requires it",
    "system-actor-ids": "Basecamp's own actors (LocalPerson, e.g. creator \"basecamp\" or "
                        "\"campfire\") carry string ids where the spec says integer; the "
                        "official SDKs read them as system actors",
    "launchpad-outside-spec": "Launchpad (authorization.json, authorization/token) is not in "
                              "the spec; it is checked against the docs' examples instead",
}


def default_spec_path() -> Path:
    """openapi.json: $LOTI_OPENAPI_SPEC, else ../shared/basecamp/ next to the repo."""
    if os.environ.get(SPEC_ENV):
        return Path(os.environ[SPEC_ENV])
    return Path(__file__).resolve().parents[2] / ".." / "shared" / "basecamp" / "openapi.json"


def _nullable(schema: Any) -> Any:
    if not isinstance(schema, dict):
        return schema
    kind = schema.get("type")
    if isinstance(kind, str):
        schema = {**schema, "type": [kind, "null"]} if kind != "null" else schema
    elif isinstance(kind, list):
        schema = schema if "null" in kind else {**schema, "type": [*kind, "null"]}
    else:
        schema = {"anyOf": [schema, {"type": "null"}]}
    if "enum" in schema and None not in schema["enum"]:
        schema = {**schema, "enum": [*schema["enum"], None]}
    return schema


def relax(node: Any) -> Any:
    """Make every property in every schema also accept null (in place; returns node)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("example", "examples"):
                continue
            relax(value)
        props = node.get("properties")
        if isinstance(props, dict):
            for name in props:
                props[name] = _nullable(props[name])
    elif isinstance(node, list):
        for item in node:
            relax(item)
    return node


def _integer_ranges(node: Any) -> Any:
    """Spell OpenAPI's int32/int64 formats as minimum/maximum (in place; returns node).

    The OpenAPI validator checked those formats' ranges on integers; a JSON Schema validator
    applies formats to strings only, so without this an id too large for its field would pass.
    """
    if isinstance(node, dict):
        kind, fmt = node.get("type"), node.get("format")
        kinds = kind if isinstance(kind, list) else [kind]
        limits = _INTEGER_RANGES.get(fmt) if isinstance(fmt, str) and "integer" in kinds else None
        if limits is not None:
            node["minimum"] = max(node.get("minimum", limits[0]), limits[0])
            node["maximum"] = min(node.get("maximum", limits[1]), limits[1])
        for key, value in node.items():
            if key not in ("example", "examples"):
                _integer_ranges(value)
    elif isinstance(node, list):
        for item in node:
            _integer_ranges(item)
    return node


def _pointer(*parts: str) -> str:
    return "#/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


@dataclass
class Operation:
    """One spec operation and where it lives in the document."""

    method: str
    template: str
    op_id: str
    regex: re.Pattern[str]
    params: int
    spec: dict


class Spec:
    """Finds the operation for a request and validates bodies against its schemas."""

    def __init__(self, raw: dict) -> None:
        self.doc = _integer_ranges(relax(copy.deepcopy(raw)))
        # References are followed inside the compiled validators (cycles included).
        self.registry = jsonschema_rs.Registry([(_URI, self.doc)],
                                               draft=jsonschema_rs.Draft202012)
        self.operations: list[Operation] = []
        for template, item in self.doc["paths"].items():
            pattern = re.escape(template.removesuffix(".json"))
            pattern = pattern.replace(r"\{accountId\}", r"\d+")
            pattern = re.sub(r"\\\{\w+\\\}", r"[^/]+", pattern)
            for method in _METHODS:
                if method in item:
                    self.operations.append(Operation(
                        method.upper(), template, item[method].get("operationId", "?"),
                        re.compile(f"^{pattern}$"), template.count("{"), item[method]))
        # Literal segments beat placeholders (/projects/recordings vs /projects/{id}).
        self.operations.sort(key=lambda op: op.params)
        # Only operations with the same method and number of segments can match a path.
        self._by_shape: dict[tuple[str, int], list[Operation]] = {}
        for op in self.operations:
            shape = (op.method, op.template.count("/"))
            self._by_shape.setdefault(shape, []).append(op)
        self._validators: dict[str, jsonschema_rs.Validator] = {}
        self._lock = threading.Lock()

    def find(self, method: str, path: str) -> Operation | None:
        """The operation for a request path (with or without .json; legacy forms too)."""
        path = path.split("?", 1)[0].rstrip("/").removesuffix(".json")
        for candidate in (path, re.sub(r"^(/\d+)/buckets/\d+(/.+)$", r"\1\2", path)):
            for op in self._by_shape.get((method.upper(), candidate.count("/")), ()):
                if op.regex.match(candidate):
                    return op
        return None

    def _errors(self, pointer: str, value: Any,
                optional: frozenset[str] = frozenset()) -> list[str]:
        """Problems with `value` under the schema at `pointer`; a missing top-level property
        named in `optional` is not one (a documented deviation)."""
        validator = self._validators.get(pointer)
        if validator is None:
            with self._lock:
                validator = self._validators.get(pointer)
                if validator is None:
                    validator = self._validators[pointer] = jsonschema_rs.validator_for(
                        {"$ref": _URI + quote(pointer, safe="#/~")}, registry=self.registry,
                        validate_formats=True)
        found = []
        for error in validator.iter_errors(value):
            kind = error.kind
            if isinstance(kind, jsonschema_rs.ValidationErrorKind.Required) \
                    and not error.instance_path and kind.property in optional:
                continue
            where = "/".join(str(p) for p in error.instance_path) or "(root)"
            found.append(f"{where}: {error.message[:200]}")
        return found

    def _schema_pointer(self, op: Operation, *parts: str) -> str:
        return _pointer("paths", op.template, op.method.lower(), *parts)

    def validate_request(self, method: str, path: str, query: dict[str, str],
                         body: Any) -> list[str]:
        """Problems with a request (method, path, query, JSON body); [] when it conforms."""
        op = self.find(method, path)
        label = f"{method} {path}"
        if op is None:
            return [f"{label}: no operation in the spec"]
        problems = []
        declared = {p["name"]: p for p in op.spec.get("parameters", []) if p.get("in") == "query"}
        for name, param in declared.items():
            if param.get("required") and name not in query:
                problems.append(f"{label} ({op.op_id}): missing query parameter {name}")
        for name, value in query.items():
            param = declared.get(name)
            if param is None:
                problems.append(f"{label} ({op.op_id}): unknown query parameter {name}")
                continue
            kind = param.get("schema", {}).get("type")
            if kind == "integer" and not re.fullmatch(r"-?\d+", value):
                problems.append(f"{label} ({op.op_id}): {name} must be an integer")
        content = op.spec.get("requestBody", {}).get("content", {})
        if "application/json" not in content:
            if body not in (None, {}):
                problems.append(f"{label} ({op.op_id}): unexpected request body")
            return problems
        body = _allow_documented(op.op_id, body)
        if body is None:
            if op.spec["requestBody"].get("required"):
                problems.append(f"{label} ({op.op_id}): missing request body")
            return problems
        pointer = self._schema_pointer(op, "requestBody", "content", "application/json",
                                       "schema")
        optional = frozenset({"types"}) if op.op_id == "CreateWebhook" else frozenset()
        errors = self._errors(pointer, body, optional)  # webhook-types-optional
        return problems + [f"{label} ({op.op_id}) body {e}" for e in errors]

    def validate_response(self, method: str, path: str, status: int, body: Any) -> list[str]:
        """Problems with a response body for this request; [] when it conforms."""
        if status == 304:
            return []
        op = self.find(method, path)
        label = f"{method} {path} -> {status}"
        if op is None:
            return [f"{label}: no operation in the spec"]
        responses = op.spec.get("responses", {})
        key = str(status) if str(status) in responses else "default"
        if key not in responses:
            return [f"{label} ({op.op_id}): status not declared in the spec"]
        content = responses[key].get("content", {})
        if "application/json" not in content:
            return [] if body is None else [f"{label} ({op.op_id}): body where none declared"]
        pointer = self._schema_pointer(op, "responses", key, "content", "application/json",
                                       "schema")
        body = _numeric_system_actors(body)
        return [f"{label} ({op.op_id}) {e}" for e in self._errors(pointer, body)]


def _numeric_system_actors(node: Any) -> Any:
    """The body with system actors' string ids read as the SDKs read them
    (system-actor-ids): a copy where one is found, else `node` itself."""
    if isinstance(node, list):
        items = [_numeric_system_actors(item) for item in node]
        return items if any(a is not b for a, b in zip(items, node, strict=True)) else node
    if not isinstance(node, dict):
        return node
    out = None
    for key, value in node.items():
        if isinstance(value, (dict, list)):
            read = _numeric_system_actors(value)
            if read is not value:
                out = out if out is not None else dict(node)
                out[key] = read
    ident = node.get("id")
    if node.get("personable_type") == "LocalPerson" and isinstance(ident, str) \
            and not ident.isdigit():
        out = out if out is not None else dict(node)
        out["id"] = 0
    return out if out is not None else node


def _allow_documented(op_id: str, body: Any) -> Any:
    """Undo the documented deviations so the body can be checked against the spec."""
    if op_id in ("CreateQuestion", "UpdateQuestion") and isinstance(body, dict) \
            and isinstance(body.get("question"), dict):  # question-wrapper
        body = copy.deepcopy(body["question"])
        schedule = body.get("schedule")
        if isinstance(schedule, dict) and isinstance(schedule.get("days"), list):
            schedule["days"] = [int(d) if isinstance(d, str) and d.isdigit() else d
                                for d in schedule["days"]]
    return body


_cache: dict[Path, Spec] = {}
_asked: dict[tuple[Path | None, str | None], Spec] = {}  # skips resolving the path each time
_cache_lock = threading.Lock()


def load_spec(path: Path | None = None) -> Spec:
    """The relaxed spec, loaded once per process."""
    asked = (path, os.environ.get(SPEC_ENV))  # a relative path depends on the directory
    found = _asked.get(asked) if path is None or path.is_absolute() else None
    if found is not None:
        return found
    path = (path or default_spec_path()).resolve()
    with _cache_lock:
        if path not in _cache:
            _cache[path] = Spec(json.loads(path.read_text(encoding="utf-8")))
        _asked[asked] = _cache[path]
        return _cache[path]
