"""Attachments: the client's upload against the sandbox's CreateAttachment, as the spec says."""

from __future__ import annotations

import pytest
import requests

from bot.basecamp.errors import ValidationFailed
from bot.sandbox.api_attachments import uploaded
from bot.sandbox.spec import load_spec
from tests.support.world import USER_AGENT

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_upload_returns_an_sgid_that_embeds_in_a_message(sandbox, client):
    att = client.create_attachment("chart.png", PNG, "image/png")
    (stored,) = uploaded(sandbox)
    assert stored["sgid"] == att.attachable_sgid and stored["data"] == PNG
    assert (stored["name"], stored["content_type"], stored["byte_size"]) == (
        "chart.png", "image/png", len(PNG))
    project = sandbox.add_project("Staff")
    board = next(t["id"] for t in project["dock"] if t["name"] == "message_board")
    html = f'<div>Chart</div><bc-attachment sgid="{att.attachable_sgid}"></bc-attachment>'
    message = client.create_message(board, "Digest", html)
    assert att.attachable_sgid in message.content
    assert load_spec().validate_response(
        "POST", f"/{sandbox.account_id}/attachments.json", 201,
        {"attachable_sgid": att.attachable_sgid}) == []


def test_an_empty_file_is_refused(client):
    with pytest.raises(ValueError):
        client.create_attachment("chart.png", b"", "image/png")


def raw_post(sandbox, query: str, data: bytes, content_type: str | None) -> requests.Response:
    headers = {"Authorization": f"Bearer {sandbox.token}", "User-Agent": USER_AGENT}
    if content_type:
        headers["Content-Type"] = content_type
    return requests.post(f"{sandbox.api_url}/{sandbox.account_id}/attachments.json{query}",
                         data=data, headers=headers, timeout=5)


@pytest.mark.allow_spec_violations  # the missing `name` is the point of the test
def test_the_sandbox_is_as_strict_as_the_spec(sandbox):
    assert raw_post(sandbox, "", PNG, "image/png").status_code == 422
    assert any("missing query parameter name" in v for v in sandbox.violations)
    assert raw_post(sandbox, "?name=a.png", b"", "image/png").status_code == 422
    assert raw_post(sandbox, "?name=a.png", PNG, None).status_code == 422
    assert raw_post(sandbox, "?name=a.png", PNG, "image/png").status_code == 201
    assert len(uploaded(sandbox)) == 1


def test_a_rejected_upload_is_a_validation_error(sandbox, client):
    sandbox.faults.script([422], methods=("POST",), path=r"attachments")
    with pytest.raises(ValidationFailed):
        client.create_attachment("chart.png", PNG, "image/png")
