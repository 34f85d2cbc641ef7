"""Resource methods: the right route, the right body, typed results."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
import responses
from basecamp_helpers import BASE, EXAMPLES, LAUNCHPAD, comment, make_client, person
from responses import matchers

from bot.basecamp.errors import ConstructionFailed
from bot.basecamp.models import NewPerson


def example(name: str):
    return json.loads((EXAMPLES / name).read_text())


@pytest.fixture
def rsps():
    with responses.RequestsMock() as mock:
        yield mock


def body_of(call) -> dict:
    return json.loads(call.request.body)


class TestIdentity:
    def test_authorization_comes_from_launchpad(self, rsps):
        rsps.get(f"{LAUNCHPAD}/authorization.json",
                 json=example("authentication__get-authorization.json"))
        auth = make_client().authorization()
        assert [a.id for a in auth.basecamp_accounts()] == [99999999]
        assert auth.identity.first_name == "Jason"

    def test_my_profile_is_the_bots_person(self, rsps):
        rsps.get(f"{BASE}/my/profile.json", json=person(42, "LOTI Bot"))
        me = make_client().my_profile()
        assert (me.id, me.attachable_sgid) == (42, "sgid-42")

    def test_update_project_access_sends_grant_revoke_and_create(self, rsps):
        rsps.put(f"{BASE}/projects/7/people/users.json",
                 json=example("people__update-who-can-access-a-project.json"))
        change = make_client().update_project_access(
            7, grant=[1, 2], revoke=[3],
            create=[NewPerson(name="Sam Okafor", email_address="sam@council.example")],
        )
        assert body_of(rsps.calls[0]) == {
            "grant": [1, 2], "revoke": [3],
            "create": [{"name": "Sam Okafor", "email_address": "sam@council.example"}],
        }
        assert change.granted[0].name == "Amy Rivera"

    def test_update_project_access_refuses_an_empty_change(self):
        with pytest.raises(ValueError, match="at least one"):
            make_client().update_project_access(7)


class TestProjects:
    def test_project_tool_returns_only_enabled_tools(self, rsps):
        rsps.get(f"{BASE}/projects/2085958504.json", json=example("projects__get-a-project.json"))
        project = make_client().project(2085958504)
        assert project.tool("message_board").id == 1069479392
        assert project.tool("questionnaire") is None  # in the dock but disabled
        assert project.tool("nonexistent") is None

    def test_construction_body_is_nested_under_project(self, rsps):
        rsps.post(f"{BASE}/templates/5/project_constructions.json", status=201,
                  json=example("templates__create-a-project-construction.json"),
                  match=[matchers.json_params_matcher(
                      {"project": {"name": "Cohort 4", "description": "Spring"}})])
        construction = make_client().create_project_construction(5, "Cohort 4", "Spring")
        assert construction.status == "pending"

    def test_wait_for_construction_polls_until_completed(self, rsps):
        url = f"{BASE}/templates/5/project_constructions/9.json"
        rsps.get(url, json={"id": 9, "status": "pending"})
        rsps.get(url, json={"id": 9, "status": "pending"})
        rsps.get(url, json=example("templates__get-a-project-construction.json"))
        client = make_client()
        project = client.wait_for_construction(5, 9, poll_seconds=1.0)
        assert project.name == "New project from template"
        assert project.tool("schedule").id == 1069479988
        assert client.test_sleep.waits == [1.0, 1.0]  # never faster than once a second

    def test_a_failed_construction_raises(self, rsps):
        rsps.get(f"{BASE}/templates/5/project_constructions/9.json",
                 json={"id": 9, "status": "failed"})
        with pytest.raises(ConstructionFailed, match="failed"):
            make_client().wait_for_construction(5, 9)

    def test_a_construction_that_never_finishes_times_out(self, rsps):
        rsps.get(f"{BASE}/templates/5/project_constructions/9.json",
                 json={"id": 9, "status": "pending"})
        client = make_client()
        with pytest.raises(ConstructionFailed, match="still pending") as info:
            client.wait_for_construction(5, 9, poll_seconds=1.0, timeout=5)
        assert info.value.outcome_unknown  # it may still complete later
        assert client.test_sleep.waits == [1.0] * 5  # polled at 0, 1, ... 5 s, then gave up
        assert client.request_count == 6

    def test_projects_rejects_an_unknown_status(self):
        with pytest.raises(ValueError, match="status"):
            make_client().projects(status="deleted")


class TestMessagesAndComments:
    def test_create_message_publishes_it_as_active(self, rsps):
        rsps.post(f"{BASE}/message_boards/3/messages.json", status=201,
                  json=example("messages__get-a-message.json"))
        make_client().create_message(3, "Lunch and learn", "<div>Join us</div>",
                                     subscriptions=[1, 2])
        assert body_of(rsps.calls[0]) == {
            "subject": "Lunch and learn", "status": "active",
            "content": "<div>Join us</div>", "subscriptions": [1, 2],
        }

    def test_update_message_sends_only_what_changes(self, rsps):
        rsps.put(f"{BASE}/messages/2.json", json=example("messages__get-a-message.json"))
        make_client().update_message(2, content="<div>12 of 40 places taken</div>")
        assert body_of(rsps.calls[0]) == {"content": "<div>12 of 40 places taken</div>"}

    def test_an_update_answered_with_204_is_read_back(self, rsps):
        rsps.put(f"{BASE}/comments/8.json", status=204)
        rsps.get(f"{BASE}/comments/8.json", json=comment(8, content="<div>new</div>"))
        assert make_client().update_comment(8, "<div>new</div>").content == "<div>new</div>"

    def test_comments_parse_into_models(self, rsps):
        rsps.get(f"{BASE}/recordings/50/comments.json", json=[comment(1), comment(2)])
        first = next(make_client().comments(50))
        assert (first.parent.id, first.bucket.id, first.creator.name) == (50, 7, "Ada Lovelace")
        assert first.created_at == datetime(2026, 11, 20, 10, tzinfo=UTC)

    def test_recordings_joins_buckets_with_commas(self, rsps):
        rsps.get(f"{BASE}/projects/recordings.json", json=[comment(1)], match=[
            matchers.query_param_matcher({"type": "Comment", "bucket": "1,2,3",
                                          "sort": "updated_at", "direction": "desc"})])
        items = list(make_client().recordings("Comment", bucket=[1, 2, 3], sort="updated_at",
                                              direction="desc"))
        assert items[0]["id"] == 1
        assert "bucket=1,2,3" in rsps.calls[0].request.url

    def test_comment_recordings_are_comment_models(self, rsps):
        rsps.get(f"{BASE}/projects/recordings.json", json=[comment(4)], match=[
            matchers.query_param_matcher({"type": "Comment", "bucket": "7",
                                          "status": "trashed"})])
        assert next(make_client().comment_recordings(bucket=7, status="trashed")).id == 4

    def test_recordings_rejects_an_unknown_type(self):
        with pytest.raises(ValueError, match="type"):
            make_client().recordings("Comments")

    def test_trash_recording_puts_the_trashed_status(self, rsps):
        rsps.put(f"{BASE}/recordings/12/status/trashed.json", status=204)
        assert make_client().trash_recording(12) is None


class TestBoostsEventsSchedules:
    def test_boost_create_and_delete(self, rsps):
        rsps.post(f"{BASE}/recordings/2/boosts.json", status=201,
                  json=example("boosts__get-a-boost.json"),
                  match=[matchers.json_params_matcher({"content": "🎉"})])
        rsps.delete(f"{BASE}/boosts/1.json", status=204)
        client = make_client()
        assert client.create_boost(2, "🎉").booster is not None
        client.delete_boost(1)
        assert client.request_count == 2

    def test_events_list(self, rsps):
        rsps.get(f"{BASE}/recordings/2/events.json", json=example("events__get-events.json"))
        assert {e.action for e in make_client().events(2)} >= {"created"}

    def test_schedule_entry_datetimes_carry_their_offset(self, rsps):
        rsps.post(f"{BASE}/schedules/3/entries.json", status=201,
                  json=example("schedule_entries__get-a-schedule-entry.json"))
        bst = timezone(timedelta(hours=1))
        make_client().create_schedule_entry(
            3, "Lunch and learn", datetime(2026, 6, 2, 12, 30, tzinfo=bst),
            datetime(2026, 6, 2, 13, 30, tzinfo=bst), description="<div>Online</div>",
            participant_ids=[5, 6], notify=True,
        )
        assert body_of(rsps.calls[0]) == {
            "summary": "Lunch and learn", "starts_at": "2026-06-02T12:30:00+01:00",
            "ends_at": "2026-06-02T13:30:00+01:00", "all_day": False, "notify": True,
            "description": "<div>Online</div>", "participant_ids": [5, 6],
        }

    def test_all_day_entries_send_plain_dates(self, rsps):
        rsps.post(f"{BASE}/schedules/3/entries.json", status=201,
                  json=example("schedule_entries__get-a-schedule-entry.json"))
        make_client().create_schedule_entry(3, "Unconference", date(2026, 7, 1),
                                            date(2026, 7, 1), all_day=True)
        assert body_of(rsps.calls[0])["starts_at"] == "2026-07-01"

    def test_all_day_entries_read_back_as_dates_and_timed_ones_as_aware_datetimes(self, rsps):
        raw = example("schedule_entries__get-a-schedule-entry.json")
        rsps.get(f"{BASE}/schedule_entries/1.json",
                 json={**raw, "all_day": True, "starts_at": "2026-07-01", "ends_at": "2026-07-02"})
        rsps.get(f"{BASE}/schedule_entries/2.json", json=raw)
        client = make_client()
        assert client.schedule_entry(1).starts_at == date(2026, 7, 1)
        assert client.schedule_entry(2).starts_at.tzinfo is not None

    def test_naive_datetimes_are_refused(self):
        with pytest.raises(ValueError, match="timezone-aware"):
            make_client().create_schedule_entry(3, "x", datetime(2026, 1, 1, 9),
                                                datetime(2026, 1, 1, 10))

    def test_update_schedule_entry_sends_the_whole_entry_verbatim(self, rsps):
        raw = example("schedule_entries__get-a-schedule-entry.json")
        rsps.get(f"{BASE}/schedule_entries/2.json", json=raw)
        sent = {"summary": raw["summary"], "starts_at": raw["starts_at"],
                "ends_at": raw["ends_at"], "description": raw["description"],
                "all_day": raw["all_day"], "participant_ids": [1, 2]}
        rsps.put(f"{BASE}/schedule_entries/2.json", json=raw,
                 match=[matchers.json_params_matcher(sent)])
        client = make_client()
        client.update_schedule_entry(2, **client.schedule_entry(2).replacement(
            participant_ids=[1, 2]))

    def test_update_schedule_entry_without_its_times_is_refused(self):
        # Basecamp's PUT replaces the entry and answers 422 without starts_at/ends_at.
        with pytest.raises(ValueError, match="starts_at and ends_at"):
            make_client().update_schedule_entry(2, participant_ids=[1, 2])

    def test_update_schedule_entry_rejects_unknown_fields(self):
        with pytest.raises(ValueError, match="colour"):
            make_client().update_schedule_entry(2, colour="red")


class TestCampfireCheckinsWebhooks:
    def test_campfire_line_plain_and_rich(self, rsps):
        url = f"{BASE}/chats/2/lines.json"
        plain = example("campfires__create-a-campfire-line-plain-text.json")
        rich = example("campfires__create-a-campfire-line-rich-text.json")
        rsps.post(url, status=201, json=plain,
                  match=[matchers.json_params_matcher({"content": "Hello"})])
        rsps.post(url, status=201, json=rich,
                  match=[matchers.json_params_matcher(
                      {"content": "<strong>Hi</strong>", "content_type": "text/html"})])
        client = make_client()
        client.create_campfire_line(2, "Hello")
        client.create_campfire_line(2, "<strong>Hi</strong>", rich=True)

    def test_create_question_wraps_the_body_in_question(self, rsps):
        schedule = {"frequency": "every_week", "days": ["3"], "time_of_day": "9:00am"}
        rsps.post(f"{BASE}/questionnaires/2/questions.json", status=201,
                  json=example("questions__get-a-question.json"),
                  match=[matchers.json_params_matcher(
                      {"question": {"title": "How did this week go?", "schedule": schedule}})])
        assert make_client().create_question(2, "How did this week go?", schedule).id

    def test_pause_and_resume_question(self, rsps):
        rsps.post(f"{BASE}/questions/4/pause.json", json={"paused": True})
        rsps.delete(f"{BASE}/questions/4/pause.json", json={"paused": False})
        client = make_client()
        assert client.pause_question(4) is True
        assert client.resume_question(4) is False

    def test_webhook_routes(self, rsps):
        one = example("webhooks__get-a-webhook.json")
        rsps.get(f"{BASE}/buckets/1/webhooks.json", json=example("webhooks__get-webhooks.json"))
        rsps.post(f"{BASE}/buckets/1/webhooks.json", status=201, json=one,
                  match=[matchers.json_params_matcher(
                      {"payload_url": "https://bot.example/hook", "types": ["Comment"]})])
        rsps.get(f"{BASE}/webhooks/3.json", json=one)
        rsps.put(f"{BASE}/webhooks/3.json", json=one, match=[matchers.json_params_matcher(
            {"payload_url": "https://bot.example/hook", "active": True})])
        rsps.delete(f"{BASE}/webhooks/3.json", status=204)
        client = make_client()
        assert list(client.webhooks(1))
        client.create_webhook(1, "https://bot.example/hook", types=["Comment"])
        assert client.webhook(3).recent_deliveries
        client.update_webhook(3, "https://bot.example/hook", active=True)
        client.delete_webhook(3)

    def test_webhook_payload_url_must_be_https(self):
        with pytest.raises(ValueError, match="https"):
            make_client().create_webhook(1, "http://bot.example/hook")
