"""The Outbox against the real sandbox over loopback: every write exactly once."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from outbox_helpers import tool_id

from bot.basecamp.errors import RateLimited
from bot.outbox import CONSTRUCTION_GRACE, Outbox, WriteFailed, WriteOutcomeUnknown
from bot.store.outbox_tables import outbox as outbox_table

START = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def _mine(items, me) -> list:
    out = []
    for item in items:
        person = getattr(item, "creator", None) or getattr(item, "booster", None)
        if person is None or person.id == me.id:
            out.append(item)
    return out


# Each write kind: how to make it through the outbox, and how to list what exists.
def _message(ob, c, p, msg):
    return ob.create_message("k:message", tool_id(p, "message_board"), "Reflection session",
                             "<div>Agenda to follow.</div>")


def _messages(c, p, msg):
    return [m for m in c.messages(tool_id(p, "message_board")) if m.subject == "Reflection session"]


def _comment(ob, c, p, msg):
    return ob.create_comment("k:comment", msg.id, "<div>Thanks, you're on the list.</div>")


def _comments(c, p, msg):
    return list(c.comments(msg.id))


def _boost(ob, c, p, msg):
    return ob.create_boost("k:boost", msg.id, "🎉")


def _boosts(c, p, msg):
    return list(c.boosts(msg.id))


def _entry(ob, c, p, msg):
    return ob.create_schedule_entry(
        "k:entry", tool_id(p, "schedule"), "Lunch and learn", START, START + timedelta(hours=1))


def _entries(c, p, msg):
    return [e for e in c.schedule_entries(tool_id(p, "schedule")) if e.summary == "Lunch and learn"]


def _project(ob, c, p, msg):
    return ob.create_project("k:project", "Mentoring round 2027", "Mentors and mentees")


def _projects(c, p, msg):
    return [x for x in c.projects() if x.name == "Mentoring round 2027"]


def _line(ob, c, p, msg):
    return ob.create_campfire_line("k:line", tool_id(p, "chat"), "Welcome, everyone!")


def _lines(c, p, msg):
    return [x for x in c.campfire_lines(tool_id(p, "chat")) if x.content == "Welcome, everyone!"]


def _question(ob, c, p, msg):
    return ob.create_question("k:question", tool_id(p, "questionnaire"), "What did you learn?",
                              {"frequency": "every_week", "days": ["1"], "time_of_day": "9:00am"})


def _questions(c, p, msg):
    return [q for q in c.questions(tool_id(p, "questionnaire")) if q.title == "What did you learn?"]


# kind -> (write it, list what exists, request path fragment, outbox key)
CREATES = {
    "message": (_message, _messages, "/messages", "k:message"),
    "comment": (_comment, _comments, "/comments", "k:comment"),
    "boost": (_boost, _boosts, "/boosts", "k:boost"),
    "schedule_entry": (_entry, _entries, "/entries", "k:entry"),
    "project": (_project, _projects, "/projects", "k:project"),
    "campfire_line": (_line, _lines, "/lines", "k:line"),
    "question": (_question, _questions, "/questions", "k:question"),
}


def _row(store, key) -> Any:
    with store.transaction() as conn:
        return conn.execute(outbox_table.select().where(outbox_table.c.key == key)).first()


def _posts(sandbox, fragment: str) -> int:
    return sum(1 for method, path, _ in sandbox.request_log
               if method == "POST" and fragment in path)


class TestWritesOnce:
    def test_message_is_posted_and_recorded_done(self, outbox, client, project, store):
        msg = _message(outbox, client, project, None)
        row = _row(store, "k:message")
        assert row.status == "done"
        assert row.basecamp_id == msg.id
        assert row.kind == "message"
        assert row.app_url == msg.app_url and row.url == msg.url
        assert [m.id for m in _messages(client, project, None)] == [msg.id]

    def test_same_key_twice_sends_one_request(self, outbox, client, project, sandbox):
        first = _message(outbox, client, project, None)
        before = client.request_count
        again = _message(outbox, client, project, None)
        assert client.request_count == before
        assert again.id == first.id and again.app_url == first.app_url
        assert outbox.done("k:message").id == first.id
        assert _posts(sandbox, "/messages") == 1

    def test_done_record_from_a_new_outbox_instance(self, outbox, client, project, store, me,
                                                    sandbox):
        first = _message(outbox, client, project, None)
        fresh = Outbox(store, client, me, clock=sandbox.clock.now)
        before = client.request_count
        assert _message(fresh, client, project, None).id == first.id
        assert client.request_count == before

    def test_log_line_names_what_where_and_link(self, outbox, client, project, caplog):
        with caplog.at_level(logging.INFO, logger="bot.outbox.test"):
            msg = _message(outbox, client, project, None)
        lines = [r.getMessage() for r in caplog.records if "k:message" in r.getMessage()]
        assert len(lines) == 1
        assert "posted message" in lines[0] and msg.app_url in lines[0]
        assert f"board {tool_id(project, 'message_board')}" in lines[0]


# Every kind on SQLite; PostgreSQL runs the same outbox code in the other classes.
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("kind", sorted(CREATES))
class TestDropAfterCommit:
    def test_dropped_reply_is_found_not_reposted(self, kind, outbox, client, project, message,
                                                 sandbox, store, me):
        make, existing, fragment, key = CREATES[kind]
        before = len(_mine(existing(client, project, message), me))
        sandbox.faults.drop_after_commit(1, methods=("POST",))
        item = make(outbox, client, project, message)
        after = _mine(existing(client, project, message), me)
        assert len(after) == before + 1
        row = _row(store, key)
        assert row.status == "done"
        assert row.basecamp_id == item.id
        assert item.id in {x.id for x in after}
        assert _posts(sandbox, fragment) == (2 if kind == "message" else 1)

    def test_crash_before_request_writes_once_next_time(self, kind, outbox, client, project,
                                                        message, sandbox, store, me):
        make, existing, _, key = CREATES[kind]
        now = sandbox.clock.now()
        with store.transaction() as conn:  # pending committed, then the process died
            conn.execute(outbox_table.insert().values(
                key=key, kind=kind, status="pending", attempts=1, created_at=now, updated_at=now))
        before = len(_mine(existing(client, project, message), me))
        item = make(outbox, client, project, message)
        assert len(_mine(existing(client, project, message), me)) == before + 1
        assert _row(store, key).basecamp_id == item.id
        assert _row(store, key).status == "done"

    def test_crash_after_request_records_what_was_posted(self, kind, outbox, client, project,
                                                         message, sandbox, store, me):
        make, existing, _, key = CREATES[kind]
        item = make(outbox, client, project, message)
        with store.transaction() as conn:  # as if the process died before recording `done`
            conn.execute(outbox_table.update().where(outbox_table.c.key == key).values(
                status="pending", basecamp_id=None))
        count = len(_mine(existing(client, project, message), me))
        again = make(outbox, client, project, message)
        assert again.id == item.id
        assert len(_mine(existing(client, project, message), me)) == count
        assert _row(store, key).status == "done"


class TestUnknownOutcome:
    def test_5xx_not_committed_stays_pending_then_writes_once(self, outbox, client, project,
                                                             message, sandbox, store):
        sandbox.faults.script([503], methods=("POST",), path="/comments")
        with pytest.raises(WriteOutcomeUnknown):
            _comment(outbox, client, project, message)
        assert _row(store, "k:comment").status == "pending"
        assert _comments(client, project, message) == []
        item = _comment(outbox, client, project, message)
        assert [c.id for c in _comments(client, project, message)] == [item.id]
        assert _row(store, "k:comment").status == "done"

    def test_finder_ignores_a_members_identical_comment(self, outbox, client, project, message,
                                                       sandbox, store, member):
        sandbox.post_comment(member["id"], message.id, "<div>Thanks, you're on the list.</div>")
        sandbox.faults.script([503], methods=("POST",), path="/comments")
        with pytest.raises(WriteOutcomeUnknown):
            _comment(outbox, client, project, message)
        item = _comment(outbox, client, project, message)
        assert item.creator.id == outbox.me.id
        assert len(_comments(client, project, message)) == 2

    def test_finder_ignores_an_item_another_key_owns(self, outbox, client, project, message,
                                                     sandbox, store):
        first = outbox.create_comment("ack:1", message.id, "<div>Noted, thank you.</div>")
        sandbox.faults.drop_after_commit(1, methods=("POST",))
        second = outbox.create_comment("ack:2", message.id, "<div>Noted, thank you.</div>")
        assert second.id != first.id
        assert _row(store, "ack:2").basecamp_id == second.id
        assert len(_comments(client, project, message)) == 2

    def test_rate_limited_write_stays_pending_and_is_retried(self, store, client, me, project,
                                                            message, sandbox):
        ob = Outbox(store, client, me, clock=sandbox.clock.now)
        sandbox.faults.script([429] * 10, methods=("POST",), path="/comments")
        with pytest.raises(RateLimited):
            _comment(ob, client, project, message)
        sandbox.faults.clear()
        assert _row(store, "k:comment").status == "pending"
        item = _comment(ob, client, project, message)
        assert [c.id for c in _comments(client, project, message)] == [item.id]


class TestRejections:
    def test_definite_4xx_marks_failed_and_is_not_retried(self, outbox, client, project,
                                                          message, sandbox, store):
        sandbox.faults.script([422], methods=("POST",), path="/comments")
        with pytest.raises(WriteFailed):
            _comment(outbox, client, project, message)
        row = _row(store, "k:comment")
        assert row.status == "failed" and "ValidationFailed" in row.error
        before = client.request_count
        with pytest.raises(WriteFailed, match="not retried"):
            _comment(outbox, client, project, message)
        assert client.request_count == before
        assert _comments(client, project, message) == []

    def test_reset_allows_a_failed_key_to_be_written(self, outbox, client, project, message,
                                                     sandbox):
        sandbox.faults.script([422], methods=("POST",), path="/comments")
        with pytest.raises(WriteFailed):
            _comment(outbox, client, project, message)
        assert outbox.reset("k:comment") is True
        item = _comment(outbox, client, project, message)
        assert [c.id for c in _comments(client, project, message)] == [item.id]

    def test_error_stored_without_secrets(self, outbox, client, project, message, sandbox,
                                          store, caplog):
        sandbox.faults.script([422], methods=("POST",), path="/comments")
        with caplog.at_level(logging.DEBUG), pytest.raises(WriteFailed):
            _comment(outbox, client, project, message)
        assert sandbox.token not in _row(store, "k:comment").error
        assert sandbox.token not in caplog.text


class TestDryRun:
    def test_dry_run_sends_nothing_and_records_nothing(self, store, client, me, project,
                                                       message, sandbox, caplog):
        ob = Outbox(store, client, me, clock=sandbox.clock.now, dry_run=True)
        before = client.request_count
        with caplog.at_level(logging.INFO):
            assert _comment(ob, client, project, message) is None
            assert ob.update_message("k:edit", message.id, "New subject", "<div>x</div>") is None
        assert client.request_count == before
        assert _row(store, "k:comment") is None
        assert "would comment: " in caplog.text and "(key k:comment)" in caplog.text

    def test_dry_run_still_returns_what_was_really_posted(self, store, client, me, project,
                                                          message, sandbox):
        ob = Outbox(store, client, me, clock=sandbox.clock.now, dry_run=True)
        assert ob.create_message("test:message", 1, "x", None).id == message.id


class TestUpdates:
    def test_same_edit_is_not_sent_twice(self, outbox, client, message):
        outbox.update_message("live:1", message.id, message.subject, "<div>3 of 40 taken</div>")
        before = client.request_count
        outbox.update_message("live:1", message.id, message.subject, "<div>3 of 40 taken</div>")
        assert client.request_count == before
        assert "3 of 40" in client.message(message.id).content

    def test_changed_then_restored_content_is_sent_each_time(self, outbox, client, message):
        for text in ("<div>A</div>", "<div>B</div>", "<div>A</div>"):
            outbox.update_message("live:1", message.id, message.subject, text)
            assert client.message(message.id).content == text

    def test_dropped_put_is_retried_next_time(self, outbox, client, message, sandbox, store):
        sandbox.faults.drop_after_commit(1, methods=("PUT",))
        with pytest.raises(WriteOutcomeUnknown):
            outbox.update_message("live:1", message.id, "New subject", "<div>new</div>")
        assert _row(store, "live:1").status == "pending"
        outbox.update_message("live:1", message.id, "New subject", "<div>new</div>")
        assert _row(store, "live:1").status == "done"
        assert client.message(message.id).subject == "New subject"

    def test_schedule_entry_update_and_access_grant(self, outbox, client, project, sandbox,
                                                    member, message):
        entry = _entry(outbox, client, project, message)
        # Send the required fields: the spec's PUT replaces the entry.
        outbox.update_schedule_entry("entry:edit", entry.id, summary="Lunch and learn (moved)",
                                     starts_at=START, ends_at=START + timedelta(hours=2))
        assert client.schedule_entry(entry.id).summary == "Lunch and learn (moved)"
        outbox.update_project_access("access:1", project["id"], grant=[member["id"]])
        before = client.request_count
        outbox.update_project_access("access:1", project["id"], grant=[member["id"]])
        assert client.request_count == before
        assert member["id"] in {p.id for p in client.project_people(project["id"])}

    def test_delete_boost_once_and_gone_boost_counts_as_done(self, outbox, client, message):
        boost = _boost(outbox, client, None, message)
        outbox.delete_boost("unboost:1", boost.id)
        assert list(client.boosts(message.id)) == []
        client_before = client.request_count
        outbox.delete_boost("unboost:1", boost.id)
        assert client.request_count == client_before
        outbox.delete_boost("unboost:2", boost.id)  # already gone: 404 is fine
        assert outbox.done("unboost:2") is not None


class TestProjectFromTemplate:
    def test_construct_records_the_new_project_once(self, outbox, client, sandbox, store):
        template = sandbox.add_template("Cohort template")
        project = outbox.construct_project("cohort:c1:project", template["id"], "Cohort 1")
        assert project.name == "Cohort 1" and project.tool("message_board") is not None
        assert _row(store, "cohort:c1:project").basecamp_id == project.id
        before = client.request_count
        assert outbox.construct_project("cohort:c1:project", template["id"], "Cohort 1").id \
            == project.id
        assert client.request_count == before

    def test_dropped_construction_ends_with_one_project(self, outbox, client, sandbox, store):
        template = sandbox.add_template("Cohort template")
        sandbox.faults.drop_after_commit(1, methods=("POST",), path="project_constructions")
        with pytest.raises(WriteOutcomeUnknown):
            outbox.construct_project("cohort:c1:project", template["id"], "Cohort 1")
        # Still building, and its id was lost with the reply: wait rather than build again.
        with pytest.raises(WriteOutcomeUnknown, match="may still be being built"):
            outbox.construct_project("cohort:c1:project", template["id"], "Cohort 1")
        sandbox.clock.advance(timedelta(minutes=2))  # Basecamp finishes building it
        project = outbox.construct_project("cohort:c1:project", template["id"], "Cohort 1")
        assert [p.id for p in client.projects() if p.name == "Cohort 1"] == [project.id]
        assert _row(store, "cohort:c1:project").status == "done"
        assert _posts(sandbox, "project_constructions") == 1

    def test_a_known_construction_is_waited_for_not_repeated(self, outbox, client, sandbox,
                                                             store):
        template = sandbox.add_template("Cohort template")
        construction = client.create_project_construction(template["id"], "Cohort 1")
        now = sandbox.clock.now()
        with store.transaction() as conn:  # died while Basecamp was still building it
            conn.execute(outbox_table.insert().values(
                key="cohort:c1:project", kind="project", status="pending", attempts=1,
                basecamp_id=construction.id, created_at=now, updated_at=now))
        with pytest.raises(WriteOutcomeUnknown, match="still being built"):
            outbox.construct_project("cohort:c1:project", template["id"], "Cohort 1")
        project = outbox.construct_project("cohort:c1:project", template["id"], "Cohort 1")
        assert [p.id for p in client.projects() if p.name == "Cohort 1"] == [project.id]
        assert _posts(sandbox, "project_constructions") == 1

    def test_a_lost_construction_reply_is_given_time_before_building_again(
        self, outbox, client, sandbox, store
    ):
        template = sandbox.add_template("Cohort template")
        now = sandbox.clock.now()
        with store.transaction() as conn:  # the construction's reply never came back
            conn.execute(outbox_table.insert().values(
                key="cohort:c1:project", kind="project", status="pending", attempts=1,
                created_at=now, updated_at=now))
        with pytest.raises(WriteOutcomeUnknown, match="may still be being built"):
            outbox.construct_project("cohort:c1:project", template["id"], "Cohort 1")
        assert _posts(sandbox, "project_constructions") == 0
        sandbox.clock.advance(CONSTRUCTION_GRACE + timedelta(minutes=1))
        project = outbox.construct_project("cohort:c1:project", template["id"], "Cohort 1")
        assert [p.id for p in client.projects() if p.name == "Cohort 1"] == [project.id]
        assert _posts(sandbox, "project_constructions") == 1
