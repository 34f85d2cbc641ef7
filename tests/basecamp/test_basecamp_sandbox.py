"""The client against the real sandbox over loopback (requests checked against the spec)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.basecamp.errors import AccountInactive, ConnectionFailed, ServerError
from bot.basecamp.models import NewPerson
from bot.basecamp.richtext import html_to_text, mention


@pytest.fixture
def board(sandbox, client):
    project = client.project(sandbox.add_project("Women's Digital Leaders Network")["id"])
    return project, project.tool("message_board")


class TestAgainstTheSandbox:
    def test_message_comment_and_mention_round_trip(self, sandbox, client, board):
        project, message_board = board
        priya = sandbox.add_person("Priya Shah", "priya@camden.example", company="Camden")
        sandbox.grant(project.id, [priya["id"]])
        message = client.create_message(message_board.id, "Lunch and learn",
                                        "<div>Reply to book a place</div>")
        sandbox.post_comment(priya["id"], message.id, "<div>Yes please!</div>")
        reply = client.create_comment(
            message.id, f"<div>Thanks {mention(client.person(priya['id']))}</div>")
        comments = list(client.comments(message.id))
        assert [c.id for c in comments][-1] == reply.id
        assert html_to_text(comments[0].content) == "Yes please!"
        assert client.last_total_count == 2
        recent = list(client.comment_recordings(bucket=[project.id], sort="updated_at",
                                                direction="desc"))
        assert {c.id for c in recent} == {c.id for c in comments}

    def test_unchanged_lists_are_answered_with_304s(self, sandbox, client, board):
        _, message_board = board
        message = client.create_message(message_board.id, "Hello")
        for n in range(60):
            sandbox.post_comment(sandbox.bot_person["id"], message.id, f"<div>{n}</div>")
        first = [c.id for c in client.comments(message.id)]
        before = client.stats.not_modified
        second = [c.id for c in client.comments(message.id)]
        assert first == second and len(first) == 60
        assert client.stats.not_modified - before == 3  # geared pages: 15 + 30 + 50

    def test_expired_token_is_refreshed_through_launchpad(self, sandbox, client):
        tokens = []
        client.http.on_tokens = lambda access, refresh: tokens.append(access)
        sandbox.expire_token()
        assert client.my_profile().id == sandbox.bot_person["id"]
        assert tokens == [sandbox.token]

    def test_scripted_429_and_503_are_retried(self, sandbox, client):
        sandbox.faults.script([429, 503], retry_after=0, methods=["GET"])
        assert client.my_profile().name
        assert client.stats.retries == 2

    def test_dropped_post_is_outcome_unknown(self, sandbox, client, board):
        _, message_board = board
        sandbox.faults.drop_after_commit(1, methods=("POST",))
        with pytest.raises((ConnectionFailed, ServerError)) as info:
            client.create_message(message_board.id, "Dropped")
        assert info.value.outcome_unknown
        assert [m.subject for m in client.messages(message_board.id)] == ["Dropped"]

    def test_inactive_account(self, sandbox, client):
        sandbox.faults.account_inactive(True)
        with pytest.raises(AccountInactive):
            client.my_profile()

    def test_schedule_entry_access_and_construction(self, sandbox, client):
        project = client.project(sandbox.add_project("Cohort 4")["id"])
        london = timezone(timedelta(hours=0))
        start = datetime(2026, 12, 8, 12, 30, tzinfo=london)
        entry = client.create_schedule_entry(project.tool("schedule").id, "Lunch and learn",
                                             start, start + timedelta(hours=1))
        assert entry.summary == "Lunch and learn"
        change = client.update_project_access(
            project.id, create=[NewPerson(name="Sam Okafor", email_address="sam@x.example")])
        assert [p.name for p in change.granted] == ["Sam Okafor"]
        template = sandbox.add_template("Cohort template")
        construction = client.create_project_construction(template["id"], "Cohort 5")
        built = client.wait_for_construction(template["id"], construction.id, poll_seconds=0.01)
        assert built.name == "Cohort 5" and built.tool("message_board")
