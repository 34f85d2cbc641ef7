"""Every response the sandbox serves validates against the official OpenAPI spec.

Nullability is relaxed as CONFORMANCE.md says; everything else is strict. Requests are
validated too (the `sandbox` fixture asserts no violations). Launchpad is outside the
spec, so it is checked against the docs' examples instead.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import requests

from bot.sandbox.routes import _TABLE
from bot.sandbox.spec import KNOWN_DEVIATIONS, load_spec

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "basecamp"
USER_AGENT = "LOTI conformance tests (network-bot@loti.london)"


@pytest.fixture(scope="module")
def spec():
    """The relaxed spec, loaded once."""
    return load_spec()


class Checked:
    """Sends requests to the sandbox and validates each response against the spec."""

    def __init__(self, sb, spec) -> None:
        self.sb, self.spec = sb, spec
        self.base = f"{sb.api_url}/{sb.account_id}"
        self.http = requests.Session()
        self.problems: list[str] = []
        self.seen: set[str] = set()

    def call(self, method: str, path: str, body=None, expect: int = 200, **params):
        url = path if path.startswith("http") else f"{self.base}{path}"
        response = self.http.request(method, url, json=body, params=params or None, timeout=10,
                                     headers={"Authorization": f"Bearer {self.sb.token}",
                                              "User-Agent": USER_AGENT})
        assert response.status_code == expect, f"{method} {url}: {response.text}"
        request_path = response.request.path_url.split("?")[0]
        op = self.spec.find(method, request_path)
        if op:
            self.seen.add(op.op_id)
        data = response.json() if response.content else None
        self.problems += self.spec.validate_response(method, request_path,
                                                     response.status_code, data)
        return data


def _tool(project: dict, name: str) -> int:
    return next(t["id"] for t in project["dock"] if t["name"] == name)


def _scenario(api: Checked, sb) -> None:
    """Drive every route the sandbox serves, including documented error answers."""
    alice = sb.add_person("Alice Smith", "alice@camden.gov.uk", "Camden Council", "Head of Digital")
    api.call("GET", "/my/profile.json")
    api.call("GET", "/people.json")
    api.call("GET", f"/people/{alice['id']}.json")
    api.call("GET", "/circles/people.json")

    project = api.call("POST", "/projects.json", {"name": "WDLN", "description": "Network"},
                       expect=201)
    pid = project["id"]
    api.call("GET", "/projects.json")
    api.call("GET", f"/projects/{pid}.json")
    api.call("PUT", f"/projects/{pid}.json", {"name": "Women's Digital Leaders Network"})
    api.call("PUT", f"/projects/{pid}/people/users.json", {
        "grant": [alice["id"]], "create": [{"name": "Bea Jones", "email_address": "bea@x.org",
                                            "title": "CDIO", "company_name": "Hackney"}]})
    api.call("GET", f"/projects/{pid}/people.json")

    template = api.call("POST", "/templates.json", {"name": "Cohort", "description": "C"},
                        expect=201)
    api.call("GET", "/templates.json")
    api.call("GET", f"/templates/{template['id']}.json")
    construction = api.call("POST", f"/templates/{template['id']}/project_constructions.json",
                            {"project": {"name": "Cohort 1", "description": "Spring"}},
                            expect=201)
    api.call("GET", construction["url"])
    assert api.call("GET", construction["url"])["status"] == "completed"

    board = _tool(project, "message_board")
    api.call("GET", f"/message_boards/{board}.json")
    message = api.call("POST", f"/message_boards/{board}/messages.json",
                       {"subject": "Lunch and learn", "content": "<div>Join</div>",
                        "status": "active", "subscriptions": [alice["id"]]}, expect=201)
    mid = message["id"]
    api.call("GET", f"/message_boards/{board}/messages.json", sort="updated_at", direction="asc")
    api.call("GET", f"/messages/{mid}.json")
    api.call("GET", f"/buckets/{pid}/messages/{mid}.json")
    api.call("PUT", f"/messages/{mid}.json", {"subject": "Lunch and learn (moved)"})
    sb.post_comment(alice["id"], mid, "<div>Count me in</div>")
    comment = api.call("POST", f"/recordings/{mid}/comments.json", {"content": "<div>Hi</div>"},
                       expect=201)
    api.call("GET", f"/recordings/{mid}/comments.json")
    api.call("GET", f"/comments/{comment['id']}.json")
    api.call("PUT", f"/comments/{comment['id']}.json", {"content": "<div>Hello</div>"})
    api.call("POST", f"/recordings/{mid}/comments.json", {}, expect=422)
    api.call("GET", "/projects/recordings.json", type="Comment", bucket=str(pid),
             sort="updated_at", direction="desc")
    api.call("GET", "/projects/recordings.json", type="Message", status="active")
    api.call("GET", f"/recordings/{mid}/events.json")

    boost = api.call("POST", f"/recordings/{comment['id']}/boosts.json", {"content": "+1"},
                     expect=201)
    api.call("GET", f"/recordings/{comment['id']}/boosts.json")
    api.call("GET", f"/boosts/{boost['id']}.json")
    api.call("DELETE", f"/boosts/{boost['id']}.json", expect=204)
    api.call("PUT", f"/recordings/{comment['id']}/status/archived.json", expect=204)
    api.call("PUT", f"/recordings/{comment['id']}/status/active.json", expect=204)
    api.call("PUT", f"/recordings/{comment['id']}/status/trashed.json", expect=204)

    schedule = _tool(project, "schedule")
    api.call("GET", f"/schedules/{schedule}.json")
    entry = api.call("POST", f"/schedules/{schedule}/entries.json", {
        "summary": "Reflection session", "starts_at": "2026-12-08T12:00:00Z",
        "ends_at": "2026-12-08T13:00:00Z", "description": "<div>Bring lunch</div>",
        "participant_ids": [alice["id"]], "notify": False}, expect=201)
    api.call("POST", f"/schedules/{schedule}/entries.json", {
        "summary": "Away day", "starts_at": "2026-12-10", "ends_at": "2026-12-10",
        "all_day": True}, expect=201)
    api.call("GET", f"/schedules/{schedule}/entries.json")
    api.call("GET", f"/schedule_entries/{entry['id']}.json")
    api.call("PUT", f"/schedule_entries/{entry['id']}.json", {
        "starts_at": "2026-12-08T12:30:00Z", "ends_at": "2026-12-08T13:30:00Z",
        "participant_ids": []})

    chat = _tool(project, "chat")
    api.call("GET", "/chats.json")
    api.call("GET", f"/chats/{chat}.json")
    line = api.call("POST", f"/chats/{chat}/lines.json",
                    {"content": "<strong>Welcome</strong>", "content_type": "text/html"},
                    expect=201)
    api.call("GET", f"/chats/{chat}/lines.json")
    api.call("GET", f"/chats/{chat}/lines/{line['id']}.json")
    api.call("DELETE", f"/chats/{chat}/lines/{line['id']}.json", expect=204)

    questionnaire = _tool(project, "questionnaire")
    api.call("GET", f"/questionnaires/{questionnaire}.json")
    question = api.call("POST", f"/questionnaires/{questionnaire}/questions.json", {
        "question": {"title": "What did you learn this week?",
                     "schedule": {"frequency": "every_week", "time_of_day": "5:00pm",
                                  "days": ["5"]}}}, expect=201)
    api.call("GET", f"/questionnaires/{questionnaire}/questions.json")
    api.call("GET", f"/questions/{question['id']}.json")
    api.call("PUT", f"/questions/{question['id']}.json", {"question": {"title": "Learnt?"}})
    api.call("POST", f"/questions/{question['id']}/pause.json")
    api.call("DELETE", f"/questions/{question['id']}/pause.json")

    hook = api.call("POST", f"/buckets/{pid}/webhooks.json",
                    {"payload_url": "https://example.org/hook", "types": ["Comment"]},
                    expect=201)
    api.call("POST", f"/buckets/{pid}/webhooks.json", {"payload_url": "http://insecure",
                                                      "types": ["all"]}, expect=400)
    api.call("GET", f"/buckets/{pid}/webhooks.json")
    api.call("GET", f"/webhooks/{hook['id']}.json")
    api.call("PUT", f"/webhooks/{hook['id']}.json", {"active": False})
    api.call("DELETE", f"/webhooks/{hook['id']}.json", expect=204)

    api.call("GET", "/messages/1.json", expect=404)
    sb.set_project_limit(1)
    api.call("POST", "/projects.json", {"name": "Over the limit"}, expect=507)
    api.call("DELETE", f"/projects/{pid}.json", expect=204)


def test_every_sandbox_response_conforms_to_the_spec(sandbox, spec):
    sandbox.rate_limit(enabled=False)  # ~90 requests in well under 10 s
    api = Checked(sandbox, spec)
    _scenario(api, sandbox)
    assert api.problems == []
    # The one deliberately invalid request is caught by request validation.
    assert len(sandbox.violations) == 1
    assert "(CreateComment) body (root): \"content\" is a required property" \
        in sandbox.violations[0]
    sandbox.violations.clear()
    served = {spec.find(method, "/1" + re.sub(r"\(\\d\+\)", "7", pattern)).op_id
              for method, pattern, _ in _TABLE}
    assert served - api.seen == set(), "routes the scenario did not exercise"


def test_every_route_the_sandbox_serves_is_in_the_spec(spec):
    for method, pattern, _ in _TABLE:
        path = "/1" + re.sub(r"\(\\d\+\)", "7", pattern)
        assert spec.find(method, path) is not None, f"{method} {path}"


def _example(name: str) -> dict:
    return json.loads((SHARED / "examples" / f"{name}.json").read_text())


def _shape(value):
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return type(value).__name__


def test_launchpad_matches_the_docs_examples(sandbox):
    # launchpad-outside-spec: compare with examples/authentication__*.json.
    headers = {"Authorization": f"Bearer {sandbox.token}", "User-Agent": USER_AGENT}
    auth = requests.get(f"{sandbox.launchpad_url}/authorization.json", headers=headers,
                        timeout=5).json()
    assert _shape(auth) == _shape(_example("authentication__get-authorization"))
    token = requests.post(f"{sandbox.launchpad_url}/authorization/token", data={
        "grant_type": "refresh_token", "refresh_token": sandbox.refresh_token,
        "client_id": sandbox.client_id, "client_secret": sandbox.client_secret},
        headers={"User-Agent": USER_AGENT}, timeout=5).json()
    assert _shape(token) == _shape(_example("authentication__refresh-access-token"))


def test_known_deviations_are_named():
    assert set(KNOWN_DEVIATIONS) == {"question-wrapper", "legacy-bucket-routes",
                                     "webhook-types-optional", "launchpad-outside-spec",
                                     "system-actor-ids"}


def test_error_answers_conform_where_the_spec_declares_them(sandbox, spec):
    api = Checked(sandbox, spec)
    sandbox.rate_limit(requests=1, per_seconds=10)
    api.call("GET", "/projects.json")
    api.call("GET", "/projects.json", expect=429)
    sandbox.rate_limit(enabled=False)
    sandbox.faults.script([500])
    api.call("GET", "/projects.json", expect=500)
    sandbox.faults.script([429], retry_after=3)
    api.call("GET", "/people.json", expect=429)
    sandbox.expire_token()
    api.call("GET", "/projects.json", expect=401)
    sandbox.issue_token()
    sandbox.faults.account_inactive(True)
    api.call("GET", "/projects/1.json", expect=404)
    assert api.problems == []


class TestRequestValidation:
    def test_documented_deviations_are_allowed_by_name(self, spec):
        question = {"question": {"title": "What did you learn?", "schedule": {
            "frequency": "every_day", "time_of_day": "5:00pm", "days": ["1", "2"]}}}
        assert spec.validate_request("POST", "/1/questionnaires/2/questions.json", {},
                                     question) == []
        assert spec.validate_request("POST", "/1/buckets/2/webhooks.json", {},
                                     {"payload_url": "https://example.org/h"}) == []
        assert spec.validate_request("GET", "/1/buckets/2/messages/3.json", {}, None) == []

    def test_real_mistakes_are_reported(self, spec):
        bad_type = spec.validate_request("POST", "/1/recordings/2/comments.json", {},
                                         {"content": 5})
        assert len(bad_type) == 1 and "CreateComment" in bad_type[0]
        missing = spec.validate_request("GET", "/1/projects/recordings.json", {}, None)
        assert missing == ["GET /1/projects/recordings.json (ListRecordings): "
                           "missing query parameter type"]
        typo = spec.validate_request("GET", "/1/projects/recordings.json",
                                     {"type": "Comment", "sort_by": "updated_at"}, None)
        assert typo and "unknown query parameter sort_by" in typo[0]
        assert spec.validate_request("GET", "/1/no/such/thing.json", {}, None) != []
        long_boost = spec.validate_request("POST", "/1/recordings/2/boosts.json", {},
                                           {"content": "x" * 17})
        assert long_boost and "longer than 16 characters" in long_boost[0]

    def test_sandbox_records_violations_without_failing_the_request(self, sandbox):
        headers = {"Authorization": f"Bearer {sandbox.token}", "User-Agent": USER_AGENT}
        response = requests.get(f"{sandbox.api_url}/{sandbox.account_id}/projects.json",
                                params={"colour": "red"}, headers=headers, timeout=5)
        assert response.status_code == 200
        assert len(sandbox.violations) == 1 and "colour" in sandbox.violations[0]
        sandbox.violations.clear()
