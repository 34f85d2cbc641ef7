"""Broken or hostile requests get a clear 4xx and never a crash or a lost state."""

from __future__ import annotations

import pytest
from sandbox_helpers import project_with_message, tool_id

HOSTILE_BODIES = [
    [], "text", 42, None, {"content": None}, {"content": ["<div>"]}, {"content": {"a": 1}},
    {"subject": ""}, {"subject": "   "}, {"summary": "x", "starts_at": "soon", "ends_at": 5},
    {"question": "nope"}, {"question": {"title": "t", "schedule": {"frequency": "hourly"}}},
    {"grant": "abc"}, {"grant": [True]}, {"create": [{"name": "x"}]}, {"project": []},
    {"payload_url": "javascript:alert(1)"}, {"types": "all", "payload_url": "https://x.org"},
    {"participant_ids": ["1"], "summary": "s", "starts_at": "2026-01-01T00:00:00Z",
     "ends_at": "2026-01-01T01:00:00Z"},
]


@pytest.fixture
def targets(sb, api):
    project, message = project_with_message(sb, api)
    template = sb.add_template("T")
    return [
        ("POST", f"/message_boards/{tool_id(project, 'message_board')}/messages.json"),
        ("PUT", f"/messages/{message['id']}.json"),
        ("POST", f"/recordings/{message['id']}/comments.json"),
        ("POST", f"/recordings/{message['id']}/boosts.json"),
        ("POST", f"/schedules/{tool_id(project, 'schedule')}/entries.json"),
        ("POST", f"/chats/{tool_id(project, 'chat')}/lines.json"),
        ("POST", f"/questionnaires/{tool_id(project, 'questionnaire')}/questions.json"),
        ("PUT", f"/projects/{project['id']}/people/users.json"),
        ("POST", f"/templates/{template['id']}/project_constructions.json"),
        ("POST", f"/buckets/{project['id']}/webhooks.json"),
        ("POST", "/projects.json"),
    ]


def test_hostile_bodies_get_a_clear_answer_and_never_crash(sb, api, targets):
    sb.rate_limit(enabled=False)
    for method, path in targets:
        for body in HOSTILE_BODIES:
            response = api.request(method, path, json=body)
            assert response.status_code in (200, 201, 400, 404, 422), \
                (method, path, body, response.status_code, response.text)
            assert response.json()  # always a JSON answer
    assert sb.violations == []  # no sandbox errors
    message = sb.recordings("Message")[0]
    assert message["subject"] == "Lunch and learn"
    assert message["content"] == "<div>Join us</div>"


def test_html_in_content_is_cleaned_like_basecamp_and_served_as_json(sb, api):
    _, message = project_with_message(sb, api)
    nasty = '<script>alert("x")</script><div onclick="x">\u202e\U0001f600 &amp; "quotes"</div>'
    comment = api.post(f"/recordings/{message['id']}/comments.json", json={"content": nasty})
    assert comment.status_code == 201
    stored = api.get(f"/comments/{comment.json()['id']}.json").json()["content"]
    assert stored == '<div>\u202e\U0001f600 &amp; "quotes"</div>'
