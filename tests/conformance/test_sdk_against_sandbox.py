"""The official `basecamp-sdk` (a client nobody here wrote) drives the sandbox.

Every route the sandbox serves is an endpoint the bot uses. The SDK lists, gets, creates,
updates, trashes and paginates each of them; every call must succeed, and the sandbox
validates every answer it gives (and every request it gets) against openapi.json.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from basecamp import Client, Config
from basecamp.mentions import mentioned_person_ids, with_mentions

from bot.sandbox import Sandbox
from bot.sandbox.routes import _TABLE
from bot.sandbox.spec import load_spec

USER_AGENT = "LOTI SDK conformance (network-bot@loti.london)"


@pytest.fixture
def sb():
    box = Sandbox(validate_requests=True, validate_responses=True).start()
    box.rate_limit(enabled=False)
    yield box
    box.stop()


@pytest.fixture
def sdk(sb):
    client = Client(access_token=sb.token, user_agent=USER_AGENT,
                     config=Config(base_url=sb.api_url, base_delay=0.001))
    yield client.for_account(sb.account_id)
    client.close()


def _tool(project: dict, name: str) -> int:
    return next(t["id"] for t in project["dock"] if t["name"] == name)


def _served_operations() -> set[str]:
    spec = load_spec()
    ops = set()
    for method, pattern, _ in _TABLE:
        op = spec.find(method, "/1" + pattern.replace(r"(\d+)", "1"))
        assert op is not None, pattern
        ops.add(op.op_id)
    return ops | {"ListWebhooks", "CreateWebhook"}  # the bucket-only routes


def _exercised(sb) -> set[str]:
    spec = load_spec()
    ops = set()
    for entry in sb.request_log:
        op = spec.find(entry.method, entry.path.split("?")[0])
        if op is not None and 200 <= entry.status < 300:
            ops.add(op.op_id)
    return ops


def _scenario(sb, sdk) -> None:
    staff = sb.add_person("Grace Lee", "grace@loti.london", company="LOTI")
    amara = sb.add_person("Amara Okafor", "amara@camden.gov.uk", company="Camden Council")

    # People and projects.
    me = sdk.people.my_profile()
    assert me["id"] == sb.bot_person["id"]
    assert {p["id"] for p in sdk.people.list()} >= {staff["id"], amara["id"], me["id"]}
    assert sdk.people.get(person_id=amara["id"])["name"] == "Amara Okafor"
    assert len(sdk.people.list_pingable()) >= 3
    project = sdk.projects.create(name="WDLN cohort 1", description="Spring")
    assert project["id"] in [p["id"] for p in sdk.projects.list()]
    assert sdk.projects.get(project_id=project["id"])["name"] == "WDLN cohort 1"
    updated = sdk.projects.update(project_id=project["id"], name="WDLN cohort one")
    assert updated["name"] == "WDLN cohort one"
    access = sdk.people.update_project_access(project_id=project["id"],
                                              grant=[staff["id"], amara["id"]])
    assert {p["id"] for p in access["granted"]} == {staff["id"], amara["id"]}
    assert amara["id"] in [p["id"] for p in sdk.people.list_for_project(
        project_id=project["id"])]

    # Templates and constructions.
    template = sdk.templates.create(name="Cohort template")
    assert template["id"] in [t["id"] for t in sdk.templates.list()]
    assert sdk.templates.get(template_id=template["id"])["name"] == "Cohort template"
    construction = sdk.templates.create_project(template_id=template["id"],
                                                project={"name": "Cohort 2"})
    status = construction["status"]
    for _ in range(5):
        status = sdk.templates.get_construction(template_id=template["id"],
                                                construction_id=construction["id"])["status"]
        if status == "completed":
            break
    assert status == "completed"

    # Messages, comments (with an SDK-written mention), boosts, events, recordings.
    board = _tool(project, "message_board")
    assert sdk.message_boards.get(board_id=board)["id"] == board
    message = sdk.messages.create(board_id=board, subject="Lunch and learn",
                                  content="<div>Join us</div>", status="active")
    assert [m["id"] for m in sdk.messages.list(board_id=board)] == [message["id"]]
    assert sdk.messages.get(message_id=message["id"])["subject"] == "Lunch and learn"
    assert sdk.messages.update(message_id=message["id"],
                               content="<div>Join us at noon</div>")["subject"] \
        == "Lunch and learn"
    person = sdk.people.get(person_id=amara["id"])
    comment = sdk.comments.create(recording_id=message["id"],
                                  content=with_mentions("<div>Welcome!</div>", [person]))
    stored = sdk.comments.get(comment_id=comment["id"])["content"]
    assert mentioned_person_ids(stored) == [amara["id"]]
    assert "<figcaption>Amara Okafor</figcaption>" in stored
    edited = sdk.comments.update(comment_id=comment["id"], content=stored + "<div>PS</div>")
    assert mentioned_person_ids(edited["content"]) == [amara["id"]]
    for i in range(60):  # paginate: 15 + 30 + 50 per geared page
        sb.post_comment(amara["id"], message["id"], f"<div>Reply {i}</div>")
    comments = sdk.comments.list(recording_id=message["id"])
    assert len(comments) == 61 and comments.meta.total_count == 61
    feed = sdk.recordings.list(type="Comment", bucket=str(project["id"]))
    assert len(feed) == 61
    boost = sdk.boosts.create_recording_boost(recording_id=comment["id"], content="🙌")
    assert [b["id"] for b in sdk.boosts.list_recording_boosts(recording_id=comment["id"])] \
        == [boost["id"]]
    assert sdk.boosts.get_boost(boost_id=boost["id"])["content"] == "🙌"
    sdk.boosts.delete_boost(boost_id=boost["id"])
    assert sdk.events.list(recording_id=message["id"])[0]["action"] == "created"
    sdk.recordings.archive(recording_id=comment["id"])
    sdk.recordings.unarchive(recording_id=comment["id"])
    sdk.recordings.trash(recording_id=comment["id"])
    assert len(sdk.comments.list(recording_id=message["id"])) == 60

    # Schedule entries: replace semantics through the SDK's own replace call.
    schedule = _tool(project, "schedule")
    assert sdk.schedules.get(schedule_id=schedule)["id"] == schedule
    entry = sdk.schedules.create_entry(
        schedule_id=schedule, summary="Reflection session", starts_at="2027-01-12T12:00:00Z",
        ends_at="2027-01-12T13:00:00Z", description="<div>Room 4</div>",
        participant_ids=[amara["id"]])
    assert [e["id"] for e in sdk.schedules.list_entries(schedule_id=schedule)] == [entry["id"]]
    got = sdk.schedules.get_entry(entry_id=entry["id"])
    replaced = sdk.schedules.replace_entry(
        entry_id=entry["id"], summary=got["summary"], starts_at=got["starts_at"],
        ends_at=got["ends_at"], description=got["description"], all_day=got["all_day"])
    assert replaced["description"] == "<div>Room 4</div>"
    assert [p["id"] for p in replaced["participants"]] == [amara["id"]]

    # Campfire.
    chat = _tool(project, "chat")
    assert chat in [c["id"] for c in sdk.campfires.list()]
    assert sdk.campfires.get(campfire_id=chat)["id"] == chat
    line = sdk.campfires.create_line(campfire_id=chat, content="Hello all")
    assert [x["id"] for x in sdk.campfires.list_lines(campfire_id=chat)] == [line["id"]]
    assert sdk.campfires.get_line(campfire_id=chat, line_id=line["id"])["id"] == line["id"]
    sdk.campfires.delete_line(campfire_id=chat, line_id=line["id"])

    # Automatic check-ins.
    questionnaire = _tool(project, "questionnaire")
    assert sdk.checkins.get_questionnaire(questionnaire_id=questionnaire)["id"] == questionnaire
    schedule_body = {"frequency": "every_week", "days": [5], "time_of_day": "5:00pm",
                     "start_date": "2027-01-15", "end_date": "2027-03-26"}
    question = sdk.checkins.create_question(questionnaire_id=questionnaire,
                                            title="How is it going?", schedule=schedule_body)
    assert question["schedule"]["start_date"] == "2027-01-15"
    assert [q["id"] for q in sdk.checkins.list_questions(questionnaire_id=questionnaire)] \
        == [question["id"]]
    assert sdk.checkins.get_question(question_id=question["id"])["title"] == "How is it going?"
    assert sdk.checkins.update_question(question_id=question["id"], title="And now?",
                                        schedule=schedule_body)["title"] == "And now?"
    sdk.checkins.pause(question_id=question["id"])
    sdk.checkins.resume(question_id=question["id"])

    # Webhooks.
    hook = sdk.webhooks.create(bucket_id=project["id"], payload_url="https://loti.london/hook",
                               types=["Comment"])
    assert [h["id"] for h in sdk.webhooks.list(bucket_id=project["id"])] == [hook["id"]]
    assert sdk.webhooks.get(webhook_id=hook["id"])["payload_url"] == "https://loti.london/hook"
    sdk.webhooks.update(webhook_id=hook["id"], payload_url="https://loti.london/hook2",
                        active=False)
    sdk.webhooks.delete(webhook_id=hook["id"])

    # Trash the project last.
    sdk.projects.trash(project_id=project["id"])
    sb.clock.advance(timedelta(seconds=1))
    assert project["id"] not in [p["id"] for p in sdk.projects.list()]


def test_the_official_sdk_drives_every_endpoint_the_bot_uses(sb, sdk):
    _scenario(sb, sdk)
    assert sb.violations == [], "requests or answers that break openapi.json"
    failed = [e for e in sb.request_log if not 200 <= e.status < 400]
    assert failed == []
    assert _served_operations() - _exercised(sb) == set(), "endpoints the SDK did not call"
