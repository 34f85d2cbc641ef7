"""The sandbox's compiled validator (jsonschema-rs) gives the verdicts the OpenAPI reference
validator (openapi-schema-validator, on the same relaxed spec) gives.

Bodies: the official docs' examples, and for each a family of broken copies (each property
removed, given the wrong type, an integer out of its format's range, nested ones too).
"""

from __future__ import annotations

import copy
import csv
import json
from typing import Any

import pytest
from openapi_schema_validator import OAS31Validator
from openapi_schema_validator._format import oas31_format_checker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from bot.sandbox.spec import Spec, default_spec_path, relax

EXAMPLES = default_spec_path().parent / "examples"
_URI = "urn:reference"


@pytest.fixture(scope="module")
def spec() -> Spec:
    return Spec(json.loads(default_spec_path().read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def reference():
    """Errors by the reference validator, keyed by the same schema pointers."""
    doc = relax(json.loads(default_spec_path().read_text(encoding="utf-8")))
    registry = Registry().with_resource(
        _URI, Resource.from_contents(doc, default_specification=DRAFT202012))
    validators: dict[str, OAS31Validator] = {}

    def errors(pointer: str, body: Any) -> list[str]:
        if pointer not in validators:
            validators[pointer] = OAS31Validator({"$ref": _URI + pointer}, registry=registry,
                                                 format_checker=oas31_format_checker)
        return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                for e in validators[pointer].iter_errors(body)]

    return errors


def _examples(spec: Spec) -> list[tuple[str, str, Any]]:
    """(file, schema pointer, body) for every example the spec has a JSON schema for."""
    found = []
    with (EXAMPLES / "INDEX.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            op = spec.find(row["method"], "/1" + row["path"])
            if op is None or row["body"] not in ("request", "response"):
                continue
            if row["body"] == "request":
                parts = ("requestBody", "content", "application/json", "schema")
                if "application/json" not in op.spec.get("requestBody", {}).get("content", {}):
                    continue
            else:
                ok = [code for code in op.spec.get("responses", {}) if code.startswith("2")]
                content = op.spec["responses"][ok[0]].get("content", {}) if ok else {}
                if "application/json" not in content:
                    continue
                parts = ("responses", ok[0], "content", "application/json", "schema")
            body = json.loads((EXAMPLES / row["file"]).read_text(encoding="utf-8"))
            found.append((row["file"], spec._schema_pointer(op, *parts), body))
    return found


def _broken(body: Any, depth: int = 2) -> list[Any]:
    """Copies of `body` with one thing wrong each (and some that stay valid)."""
    out: list[Any] = []
    if isinstance(body, list) and body:
        for item in _broken(body[0], depth):
            out.append([item, *copy.deepcopy(body[1:])])
        out.append([*body, "stray"])
        return out
    if not isinstance(body, dict):
        return out
    for key, value in body.items():
        for replacement in _wrong_values(value):
            out.append({**body, key: replacement})
        out.append({k: v for k, v in body.items() if k != key})
        if depth > 1:
            out.extend({**body, key: inner} for inner in _broken(value, depth - 1))
    return out


def _wrong_values(value: Any) -> list[Any]:
    if isinstance(value, bool):
        return ["yes", 1]
    if isinstance(value, int):
        return [str(value), 2**31, 2**63, True]  # int32's and int64's first values out of range
    if isinstance(value, str):
        return [5, ""]
    if isinstance(value, list):
        return ["list", {}]
    if isinstance(value, dict):
        return [[], "object"]
    return [{}]  # null: something that is not


def test_the_compiled_validator_agrees_with_the_reference_on_every_case(spec, reference):
    examples = _examples(spec)
    assert len(examples) > 60 and any("request" in name for name, _p, _b in examples)
    cases = 0
    disagreements = []
    for name, pointer, example in examples:
        for body in [example, *_broken(example)]:
            cases += 1
            ours = spec._errors(pointer, body)
            theirs = reference(pointer, body)
            # The same verdict, and the same places found wrong (messages are worded apart).
            if bool(ours) != bool(theirs) or _places(ours) != _places(theirs):
                disagreements.append((name, json.dumps(body)[:160], ours[:2], theirs[:2]))
    assert cases > 4000  # the examples and their broken copies were all checked
    assert disagreements == []


def _places(errors: list[str]) -> set[str]:
    return {error.split(": ", 1)[0].removeprefix("(root)") for error in errors}


def test_an_integer_outside_its_format_is_wrong_though_json_schema_ignores_the_format(spec):
    # int32 and int64 are OpenAPI formats; JSON Schema leaves formats on numbers unchecked.
    op = spec.find("POST", "/1/buckets/2/todolists/3/todos.json")
    pointer = spec._schema_pointer(op, "requestBody", "content", "application/json", "schema")
    assert spec._errors(pointer, {"content": "Book the room", "assignee_ids": [7]}) == []
    (error,) = spec._errors(pointer, {"content": "Book the room", "assignee_ids": [2**63]})
    assert error.startswith("assignee_ids/0: ")


def test_only_the_webhook_s_types_may_be_left_out(spec):
    # webhook-types-optional: the docs default `types` to ["all"]; `payload_url` stays required.
    path = "/1/buckets/2/webhooks.json"
    assert spec.validate_request("POST", path, {}, {"payload_url": "https://example.org"}) == []
    (problem,) = spec.validate_request("POST", path, {}, {"types": ["Comment"]})
    assert "(CreateWebhook) body (root): \"payload_url\" is a required property" in problem
    (problem,) = spec.validate_request("POST", path, {}, {"payload_url": 5, "types": ["all"]})
    assert "body payload_url: 5 is not of type" in problem
