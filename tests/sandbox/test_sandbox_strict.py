"""Where Basecamp is strict, the sandbox is too (issue 10: "behaves like Basecamp").

Replace-mode PUTs, rich text rewritten on write, access control, signed attachable sgids,
check-in dates kept, and system actors.
"""

from __future__ import annotations

import base64
import json

import pytest
from sandbox_helpers import Api, project_with_message, tool_id

from bot.sandbox import Sandbox
from bot.sandbox.routes import _TABLE
from bot.sandbox.spec import load_spec

SHARED_PERSON = "../shared/basecamp/examples/people__get-person.json"


def _entry(api: Api, schedule: int, **extra) -> dict:
    body = {"summary": "Lunch and learn", "starts_at": "2026-12-08T12:00:00Z",
            "ends_at": "2026-12-08T13:00:00Z",
            "description": '<div>Room 4, <a href="https://meet.example/x">join</a></div>',
            **extra}
    response = api.post(f"/schedules/{schedule}/entries.json", json=body)
    assert response.status_code == 201, response.text
    return response.json()


class TestScheduleEntryReplace:
    """ReplaceScheduleEntry: an omitted writable field is cleared, bar three carve-outs."""

    def test_omitted_fields_are_cleared_but_participants_kept(self, sb, api):
        alice = sb.add_person("Alice", "alice@example.org")
        schedule = tool_id(sb.add_project("P"), "schedule")
        entry = _entry(api, schedule, participant_ids=[alice["id"]], all_day=False,
                       url="https://meet.example/x", highlighted=True)
        put = api.put(f"/schedule_entries/{entry['id']}.json", json={
            "starts_at": entry["starts_at"], "ends_at": entry["ends_at"]})
        assert put.status_code == 200, put.text
        body = put.json()
        assert body["description"] == ""
        assert body["summary"] == "Untitled"
        assert [p["id"] for p in body["participants"]] == [alice["id"]]
        assert body["join_url"] == "https://meet.example/x" and body["highlighted"] is True

    def test_all_day_is_reset_when_left_out(self, sb, api):
        schedule = tool_id(sb.add_project("P"), "schedule")
        entry = _entry(api, schedule, all_day=True, starts_at="2026-12-08",
                       ends_at="2026-12-08")
        assert entry["starts_at"] == "2026-12-08"
        put = api.put(f"/schedule_entries/{entry['id']}.json", json={
            "summary": "Lunch", "starts_at": "2026-12-08T12:00:00Z",
            "ends_at": "2026-12-08T13:00:00Z"}).json()
        assert put["all_day"] is False and put["starts_at"] == "2026-12-08T12:00:00.000Z"

    @pytest.mark.parametrize("missing", ["starts_at", "ends_at"])
    def test_start_and_end_are_required(self, sb, api, missing):
        schedule = tool_id(sb.add_project("P"), "schedule")
        entry = _entry(api, schedule)
        body = {"summary": "Lunch", "starts_at": entry["starts_at"],
                "ends_at": entry["ends_at"], "participant_ids": []}
        del body[missing]
        put = api.put(f"/schedule_entries/{entry['id']}.json", json=body)
        assert put.status_code == 422
        assert api.get(f"/schedule_entries/{entry['id']}.json").json()["description"] \
            == entry["description"]

    def test_the_whole_entry_sent_back_keeps_everything(self, sb, api):
        schedule = tool_id(sb.add_project("P"), "schedule")
        entry = _entry(api, schedule)
        put = api.put(f"/schedule_entries/{entry['id']}.json", json={
            "summary": entry["summary"], "starts_at": entry["starts_at"],
            "ends_at": entry["ends_at"], "description": entry["description"],
            "all_day": entry["all_day"], "participant_ids": []}).json()
        for name in ("summary", "starts_at", "ends_at", "description", "all_day"):
            assert put[name] == entry[name]

    def test_every_replace_mode_operation_the_sandbox_serves_is_handled(self):
        # A new replace-mode route (to-dos, documents...) must get replace semantics and a
        # test like the ones above before it joins this set.
        spec = load_spec()
        replace = set()
        for method, pattern, _ in _TABLE:
            path = "/1" + pattern.replace(r"(\d+)", "1")
            op = spec.find(method, path)
            semantics = (op.spec.get("x-basecamp-write-semantics") or {}) if op else {}
            if semantics.get("mode") == "replace":
                replace.add(op.op_id)
        assert replace == {"ReplaceScheduleEntry"}


MENTION = "application/vnd.basecamp.mention"


class TestRichText:
    def test_only_allowed_tags_are_kept(self, sb, api):
        _, message = project_with_message(sb, api)
        html = ('<p>Hello <span style="x">there</span></p><script>alert(1)</script>'
                '<div><strong>yes</strong> <img src="x.png"> <a href="https://a.b" '
                'onclick="x()">link</a></div>')
        comment = api.post(f"/recordings/{message['id']}/comments.json",
                           json={"content": html}).json()
        content = comment["content"]
        for gone in ("<p", "<span", "<script", "alert", "<img", "onclick", "style="):
            assert gone not in content
        assert "Hello there" in content and "<strong>yes</strong>" in content
        assert '<a href="https://a.b">link</a>' in content

    def test_a_mention_is_expanded_like_basecamp(self, sb, api):
        _, message = project_with_message(sb, api)
        alice = sb.add_person("Alice Adams", "alice@example.org")
        sgid = alice["attachable_sgid"]
        comment = api.post(f"/recordings/{message['id']}/comments.json", json={
            "content": f'<div>Hi <bc-attachment sgid="{sgid}"></bc-attachment>!</div>'}).json()
        content = comment["content"]
        assert f'<bc-attachment sgid="{sgid}" content-type="{MENTION}">' in content
        assert "<figure><img src=" in content and 'class="avatar"' in content
        assert "<figcaption>Alice Adams</figcaption></figure></bc-attachment>!" in content

    def test_the_reply_reader_reads_the_expanded_mention(self, sb, api):
        from bot.core.reply_html import parse_reply_html, text_parts

        _, message = project_with_message(sb, api)
        alice = sb.add_person("Alice Adams", "alice@example.org")
        sgid = alice["attachable_sgid"]
        bob = sb.add_person("Bob Brown", "bob@example.org")
        stored = sb.post_comment(bob["id"], message["id"],
                                 f'<div><bc-attachment sgid="{sgid}"></bc-attachment> '
                                 "you would love this</div>")["content"]
        reading = parse_reply_html(stored)
        assert reading.mention_names == ["Alice Adams"] and reading.mention_sgids == [sgid]
        assert reading.text == "@person you would love this" and reading.starts_with_mention
        assert text_parts(stored).text == "Alice Adams you would love this"

    def test_a_forged_sgid_is_dropped(self, sb, api):
        _, message = project_with_message(sb, api)
        alice = sb.add_person("Alice Adams", "alice@example.org")
        forged = alice["attachable_sgid"].rsplit("--", 1)[0] + "--" + "0" * 40
        comment = api.post(f"/recordings/{message['id']}/comments.json", json={
            "content": f'<div>Hi <bc-attachment sgid="{forged}"></bc-attachment></div>'}).json()
        assert "bc-attachment" not in comment["content"]

    def test_members_replies_and_entry_descriptions_are_rewritten_too(self, sb, api):
        _, message = project_with_message(sb, api)
        alice = sb.add_person("Alice Adams", "alice@example.org")
        reply = sb.post_comment(alice["id"], message["id"], "<p>I'm in</p><style>x</style>")
        assert reply["content"] == "I'm in"
        schedule = tool_id(sb.add_project("Q"), "schedule")
        entry = _entry(api, schedule, description="<div><u>Room</u> 4</div>")
        assert entry["description"] == "<div>Room 4</div>"


class TestSgid:
    def test_the_real_example_is_a_marshalled_rails_envelope(self):
        # What Basecamp really sends (the docs' person example), decoded.
        from pathlib import Path
        real = json.loads((Path(__file__).resolve().parents[2] / SHARED_PERSON).read_text())
        payload, digest = real["attachable_sgid"].rsplit("--", 1)
        assert base64.b64decode(payload).startswith(b"\x04\x08{")
        assert len(digest) == 40

    def test_sandbox_sgids_have_the_same_shape_and_name_the_person(self, sb):
        from basecamp.mentions import mention_markup, person_id_from_sgid

        alice = sb.add_person("Alice Adams", "alice@example.org")
        payload, digest = alice["attachable_sgid"].rsplit("--", 1)
        raw = base64.b64decode(payload)
        assert raw.startswith(b'\x04\x08{\x06I"\x0b_rails')
        assert f"gid://bc3/Person/{alice['id']}".encode() in raw
        assert b"attachable" in raw and len(digest) == 40
        assert person_id_from_sgid(alice["attachable_sgid"]) == alice["id"]
        assert alice["attachable_sgid"] in mention_markup(alice)

    def test_sgids_survive_a_restart_from_the_state_file(self, tmp_path):
        path = tmp_path / "state.json"
        with Sandbox(state_file=path) as first:
            alice = first.add_person("Alice Adams", "alice@example.org")
        with Sandbox(state_file=path) as second:
            assert second.bot_person["attachable_sgid"] != alice["attachable_sgid"]
            assert second.views.person(alice["id"])["attachable_sgid"] \
                == alice["attachable_sgid"]


class TestAccess:
    def test_content_of_a_project_the_bot_is_not_on_is_404(self, sb, api):
        staff = sb.add_person("Grace Lee", "grace@loti.london")
        project = sb.add_project("Staff only", people=[staff["id"]], bot=False)
        board = tool_id(project, "message_board")
        message = sb.post_message(staff["id"], board, "Private", "<div>x</div>")
        assert api.get(f"/projects/{project['id']}.json").status_code == 404
        assert api.get(f"/messages/{message['id']}.json").status_code == 404
        assert api.get(f"/message_boards/{board}/messages.json").status_code == 404
        assert api.post(f"/recordings/{message['id']}/comments.json",
                        json={"content": "<div>hi</div>"}).status_code == 404
        assert project["id"] not in [p["id"] for p in api.get("/projects.json").json()]
        listed = api.get("/projects/recordings.json",
                         params={"type": "Message", "bucket": project["id"]}).json()
        assert listed == []
        sb.grant(project["id"], [sb.bot_person["id"]])
        assert api.get(f"/messages/{message['id']}.json").status_code == 200

    def test_the_bot_is_not_an_admin_by_default(self, sb):
        assert sb.bot_person["admin"] is False
        assert Sandbox(bot_admin=True).bot_person["admin"] is True

    def test_a_non_admin_bot_gets_403_deleting_someone_elses_boost(self, sb, api):
        _, message = project_with_message(sb, api)
        alice = sb.add_person("Alice", "alice@example.org")
        boost = sb.boost(alice["id"], message["id"], "+1")
        assert api.delete(f"/boosts/{boost['id']}.json").status_code == 403
        own = api.post(f"/recordings/{message['id']}/boosts.json", json={"content": "ok"})
        assert api.delete(f"/boosts/{own.json()['id']}.json").status_code == 204


class TestQuestions:
    def test_start_and_end_dates_are_kept(self, sb, api):
        questionnaire = tool_id(sb.add_project("P"), "questionnaire")
        created = api.post(f"/questionnaires/{questionnaire}/questions.json", json={
            "question": {"title": "How is it going?", "schedule": {
                "frequency": "every_week", "time_of_day": "5:00pm", "days": ["5"],
                "start_date": "2027-01-11", "end_date": "2027-03-26"}}})
        assert created.status_code == 201
        schedule = created.json()["schedule"]
        assert (schedule["start_date"], schedule["end_date"]) == ("2027-01-11", "2027-03-26")

    def test_a_bad_date_is_422(self, sb, api):
        questionnaire = tool_id(sb.add_project("P"), "questionnaire")
        created = api.post(f"/questionnaires/{questionnaire}/questions.json", json={
            "question": {"title": "How?", "schedule": {
                "frequency": "every_week", "days": ["5"], "start_date": "soon"}}})
        assert created.status_code == 422


class TestSystemActors:
    def test_a_system_actor_can_post_and_is_shown_with_its_string_id(self, sb, api):
        _, message = project_with_message(sb, api)
        comment = sb.post_comment("basecamp", message["id"], "<div>Automatic reminder</div>")
        creator = api.get(f"/comments/{comment['id']}.json").json()["creator"]
        assert creator["id"] == "basecamp" and creator["personable_type"] == "LocalPerson"
        problems = load_spec().validate_response(
            "GET", f"/{sb.account_id}/comments/{comment['id']}", 200,
            api.get(f"/comments/{comment['id']}.json").json())
        assert problems == []
