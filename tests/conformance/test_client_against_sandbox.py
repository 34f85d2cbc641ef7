"""The real BasecampClient against the real sandbox over loopback HTTP.

Every request the client sends is validated against the OpenAPI spec by the `sandbox`
fixture (teardown asserts no violations).
"""

from __future__ import annotations

import pytest

from bot.basecamp.client import BasecampClient
from bot.basecamp.errors import (
    AccountInactive,
    BasecampError,
    ConnectionFailed,
    LimitReached,
    ServerError,
)

USER_AGENT = "LOTI Network Bot tests (network-bot@loti.london)"


def _tool(project: dict, name: str) -> int:
    return next(t["id"] for t in project["dock"] if t["name"] == name)


@pytest.fixture
def message(sandbox, client):
    """A message the bot posted on a fresh project's board."""
    project = sandbox.add_project("Cohort 1")
    return client.create_message(_tool(project, "message_board"), "Lunch and learn",
                                 "<div>Join us</div>")


def _log(sandbox, fragment: str, method: str = "GET") -> list[int]:
    return [e.status for e in sandbox.request_log if e.method == method and fragment in e.path]


class TestReading:
    def test_pagination_over_200_comments(self, sandbox, client, message):
        alice = sandbox.add_person("Alice", "alice@camden.gov.uk")
        for i in range(200):
            sandbox.post_comment(alice["id"], message.id, f"<div>Reply {i}</div>")
        comments = list(client.comments(message.id))
        assert len({c.id for c in comments}) == 200
        assert client.last_total_count == 200
        assert _log(sandbox, "/comments.json") == [200] * 5  # 15 + 30 + 50 + 100 + 5

    def test_second_listing_is_answered_by_304s(self, sandbox, client, message):
        alice = sandbox.add_person("Alice", "alice@camden.gov.uk")
        for i in range(20):
            sandbox.post_comment(alice["id"], message.id, f"<div>Reply {i}</div>")
        first = [c.id for c in client.comments(message.id)]
        second = [c.id for c in client.comments(message.id)]
        assert first == second and len(first) == 20
        assert _log(sandbox, "/comments.json") == [200, 200, 304, 304]

    def test_construction_is_awaited_until_the_project_exists(self, sandbox, client):
        template = sandbox.add_template("Cohort template", tools=("message_board", "schedule"))
        construction = client.create_project_construction(template["id"], "Cohort 9")
        project = client.wait_for_construction(template["id"], construction.id,
                                               poll_seconds=0.01)
        assert project.name == "Cohort 9"
        assert project.tool("message_board") is not None


class TestFailures:
    def test_429_from_the_sandbox_limiter_is_waited_out(self, sandbox, client, message):
        sandbox.rate_limit(requests=3, per_seconds=1)
        for _ in range(5):
            assert client.message(message.id).id == message.id
        assert 429 in _log(sandbox, f"/messages/{message.id}")

    def test_5xx_on_get_is_retried(self, sandbox, client, message):
        sandbox.faults.script([503, 500], path=f"/messages/{message.id}")
        assert client.message(message.id).subject == "Lunch and learn"
        assert _log(sandbox, f"/messages/{message.id}") == [503, 500, 200]

    def test_5xx_on_a_create_is_not_retried(self, sandbox, client, message):
        sandbox.faults.script([503], methods=("POST",))
        with pytest.raises(ServerError) as caught:
            client.create_comment(message.id, "<div>Hello</div>")
        assert caught.value.outcome_unknown is True
        assert _log(sandbox, "/comments.json", "POST") == [503]

    def test_expired_token_is_refreshed_through_launchpad(self, sandbox):
        seen = []
        client = BasecampClient(
            sandbox.account_id, sandbox.token, USER_AGENT, api_url=sandbox.api_url,
            launchpad_url=sandbox.launchpad_url, refresh_token=sandbox.refresh_token,
            client_id=sandbox.client_id, client_secret=sandbox.client_secret,
            on_tokens=lambda access, refresh: seen.append(access), backoff_base=0.001)
        old = sandbox.token
        sandbox.expire_token()
        assert client.my_profile().id == sandbox.bot_person["id"]
        assert seen == [sandbox.token] and sandbox.token != old
        assert _log(sandbox, "/my/profile.json") == [401, 200]
        assert _log(sandbox, "/authorization/token", "POST") == [200]

    def test_account_inactive(self, sandbox, client):
        sandbox.faults.account_inactive(True)
        with pytest.raises(AccountInactive):
            client.my_profile()

    def test_project_limit_is_limit_reached(self, sandbox, client):
        sandbox.set_project_limit(0)
        with pytest.raises(LimitReached):
            client.create_project("One too many")

    def test_dropped_reply_after_commit_is_outcome_unknown_and_posted_once(
            self, sandbox, client, message):
        sandbox.faults.drop_after_commit(1, methods=("POST",))
        with pytest.raises(ConnectionFailed) as caught:
            client.create_comment(message.id, "<div>Lost reply</div>")
        assert caught.value.outcome_unknown is True
        assert isinstance(caught.value, BasecampError)
        contents = [c.content for c in client.comments(message.id)]
        assert contents == ["<div>Lost reply</div>"]
        assert _log(sandbox, "/comments.json", "POST") == [0]


def test_check_in_questions_keep_the_dates_the_bot_sends(sandbox, client):
    # The bot's cohort check-in runs from the course start to the day before it ends.
    questionnaire = _tool(sandbox.add_project("Cohort 1"), "questionnaire")
    question = client.create_question(questionnaire, "What did you try this week?", {
        "frequency": "every_week", "days": ["5"], "time_of_day": "4:00pm",
        "start_date": "2027-03-01", "end_date": "2027-04-11"})
    schedule = client.question(question.id).schedule
    assert (schedule.start_date.isoformat(), schedule.end_date.isoformat()) \
        == ("2027-03-01", "2027-04-11")
