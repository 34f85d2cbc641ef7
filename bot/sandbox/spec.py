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

from openapi_schema_validator import OAS31Validator
from openapi_schema_validator._format import oas31_format_checker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_ENV = "LOTI_OPENAPI_SPEC"
_URI = "urn:basecamp-openapi"
_METHODS = ("get", "post", "put", "delete", "patch")
_VERDICTS_KEPT = 4096
_ANNOTATIONS = {"description", "title", "example", "examples", "deprecated", "readOnly",
                "writeOnly", "externalDocs", "$comment"}
_NOT_SCHEMAS = {"example", "examples", "enum", "const", "required", "default"}  # plain data
_SCHEMA_MAPS = {"properties", "patternProperties", "$defs", "dependentSchemas"}

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
        self.doc = relax(copy.deepcopy(raw))
        resource = Resource.from_contents(self.doc, default_specification=DRAFT202012)
        self.registry = Registry().with_resource(_URI, resource)
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
        self._validators: dict[str, OAS31Validator] = {}
        self._verdicts: dict[tuple[str, str], tuple[str, ...]] = {}
        self._lock = threading.Lock()

    def find(self, method: str, path: str) -> Operation | None:
        """The operation for a request path (with or without .json; legacy forms too)."""
        path = path.split("?", 1)[0].rstrip("/").removesuffix(".json")
        for candidate in (path, re.sub(r"^(/\d+)/buckets/\d+(/.+)$", r"\1\2", path)):
            for op in self.operations:
                if op.method == method.upper() and op.regex.match(candidate):
                    return op
        return None

    def _errors(self, pointer: str, value: Any) -> list[str]:
        # A third of the bodies a test run sends or gets were checked before (polls, repeated
        # reads): their verdict is remembered, keyed by the exact JSON.
        key = (pointer, json.dumps(value, sort_keys=True))
        with self._lock:
            known = self._verdicts.get(key)
            if known is not None:
                return list(known)
            validator = self._validators.get(pointer)
            if validator is None:
                validator = OAS31Validator(self._inlined({"$ref": pointer}, ()),
                                           registry=self.registry,
                                           format_checker=oas31_format_checker)
                self._validators[pointer] = validator
        found = []
        for error in validator.iter_errors(value):
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            found.append(f"{where}: {error.message[:200]}")
        with self._lock:
            if len(self._verdicts) >= _VERDICTS_KEPT:
                self._verdicts.clear()
            self._verdicts[key] = tuple(found)
        return found

    def _inlined(self, node: Any, within: tuple[str, ...]) -> Any:
        """`node` with each local $ref replaced by the schema it names (called with the lock
        held). Following references took two thirds of each validation; the schema means
        the same. A reference back into a schema being inlined (a cycle) is left to the
        registry."""
        if isinstance(node, list):
            return [self._inlined(item, within) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if not isinstance(ref, str) or not ref.startswith("#/"):
            out = {}
            for key, value in node.items():
                if key in _NOT_SCHEMAS:
                    out[key] = value
                elif key in _SCHEMA_MAPS and isinstance(value, dict):  # names, then schemas
                    out[key] = {name: self._inlined(item, within) for name, item in value.items()}
                else:
                    out[key] = self._inlined(value, within)
            return out
        if ref in within:
            return {**node, "$ref": _URI + ref}
        target = self._inlined(self._resolve(ref), (*within, ref))
        siblings = {key: value for key, value in node.items() if key != "$ref"}
        if all(key in _ANNOTATIONS or key.startswith("x-") for key in siblings):
            return target
        return {**self._inlined(siblings, within), "allOf": [target]}

    def _resolve(self, pointer: str) -> Any:
        node: Any = self.doc
        for part in pointer.removeprefix("#/").split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node

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
        errors = self._errors(pointer, body)
        if op.op_id == "CreateWebhook":  # webhook-types-optional
            errors = [e for e in errors if "'types' is a required property" not in e]
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
    """A copy with system actors' string ids read as the SDKs read them (system-actor-ids)."""
    if isinstance(node, list):
        return [_numeric_system_actors(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _numeric_system_actors(value) for key, value in node.items()}
    if out.get("personable_type") == "LocalPerson" and isinstance(out.get("id"), str) \
            and not out["id"].isdigit():
        out["id"] = 0
    return out


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
