"""ThreadReader against the real sandbox: new, edited, trashed, ordering, cost."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.basecamp.client import BasecampClient
from bot.basecamp.pacing import Pacer
from bot.threads import ThreadReader


def _ids(changes) -> list[tuple[int, str]]:
    return [(c.comment.id, c.change) for c in changes]


class TestChanges:
    def test_new_reply_is_yielded_once(self, handle_all, board, reader, amara):
        msg = board.thread()
        reader.watch(msg.id, msg.bucket.id, "signup", "event:x")
        reply = board.reply(amara, msg.id, "<div>Count me in!</div>")
        changes = handle_all(reader)
        assert _ids(changes) == [(reply["id"], "new")]
        assert changes[0].thread.kind == "signup" and changes[0].thread.key == "event:x"
        assert changes[0].comment.content == "<div>Count me in!</div>"
        assert changes[0].previous is None
        assert handle_all(reader) == []

    def test_edit_is_yielded_with_the_previous_state(
        self, handle_all, board, reader, amara, sandbox,
    ):
        msg = board.thread()
        reader.watch(msg.id, msg.bucket.id, "signup", "event:x")
        reply = board.reply(amara, msg.id, "<div>Count me in!</div>")
        handle_all(reader)
        sandbox.clock.advance(timedelta(minutes=5))
        sandbox.edit_comment(reply["id"], "<div>Sorry, can't make it after all</div>")
        changes = handle_all(reader)
        assert _ids(changes) == [(reply["id"], "edited")]
        assert "can't make it" in changes[0].comment.content
        assert changes[0].previous.status == "active"
        assert changes[0].previous.updated_at < changes[0].comment.updated_at
        assert handle_all(reader) == []

    def test_trashed_reply_withdraws_a_processed_one(
        self, handle_all, board, reader, amara, sandbox,
    ):
        msg = board.thread()
        reader.watch(msg.id, msg.bucket.id, "signup", "event:x")
        reply = board.reply(amara, msg.id, "<div>Count me in!</div>")
        handle_all(reader)
        sandbox.clock.advance(timedelta(minutes=1))
        sandbox.trash_comment(reply["id"])
        changes = handle_all(reader)
        assert _ids(changes) == [(reply["id"], "trashed")]
        assert reader.seen(reply["id"]).status == "trashed"
        assert handle_all(reader) == []

    def test_trashed_before_ever_processed_is_handed_over_once(
        self, handle_all, board, reader, amara, sandbox,
    ):
        # A handler cut short may have acted on it: its trash is handed over once, with no
        # previous state, and never again.
        msg = board.thread()
        reader.watch(msg.id, msg.bucket.id, "signup", "event:x")
        handle_all(reader)
        reply = board.reply(amara, msg.id, "<div>Count me in!</div>")
        sandbox.trash_comment(reply["id"])
        changes = handle_all(reader)
        assert _ids(changes) == [(reply["id"], "trashed")]
        assert changes[0].previous is None
        assert reader.seen(reply["id"]).status == "trashed"
        assert handle_all(reader) == []

    def test_bots_own_comments_are_ignored(self, handle_all, board, reader, client, amara):
        msg = board.thread()
        reader.watch(msg.id, msg.bucket.id, "signup", "event:x")
        client.create_comment(msg.id, "<div>You're on the list.</div>")
        reply = board.reply(amara, msg.id, "<div>Thanks!</div>")
        assert _ids(handle_all(reader)) == [(reply["id"], "new")]

    def test_unwatched_and_closed_threads_are_ignored(
        self, handle_all, board, reader, sandbox, amara,
    ):
        project = sandbox.add_project("Network")
        watched = board.thread(project, "Sign up: lunch")
        other = board.thread(project, "General chat")
        closed = board.thread(project, "Sign up: closed")
        reader.watch(watched.id, project["id"], "signup", "a")
        reader.watch(closed.id, project["id"], "signup", "c")
        reader.unwatch(closed.id)
        board.reply(amara, other.id, "<div>Count me in</div>")
        board.reply(amara, closed.id, "<div>Count me in</div>")
        mine = board.reply(amara, watched.id, "<div>Count me in</div>")
        assert _ids(handle_all(reader)) == [(mine["id"], "new")]

    def test_replies_come_oldest_first_even_after_edits(
        self, handle_all, board, reader, amara, priya, sandbox,
    ):
        msg = board.thread()
        reader.watch(msg.id, msg.bucket.id, "signup", "event:x")
        first = board.reply(amara, msg.id, "<div>Count me in</div>")
        second = board.reply(priya, msg.id, "<div>Me too</div>")
        third = board.reply(amara, msg.id, "<div>Actually, plus my colleague</div>")
        sandbox.clock.advance(timedelta(seconds=5))
        sandbox.edit_comment(first["id"], "<div>Count me in please</div>")  # newest updated_at
        assert [c.comment.id for c in handle_all(reader)] == [first["id"], second["id"],
                                                              third["id"]]

    def test_crash_before_mark_processed_reads_again(
        self, handle_all, board, reader, store, client, sandbox, amara,
    ):
        msg = board.thread()
        reader.watch(msg.id, msg.bucket.id, "signup", "event:x")
        handle_all(reader)
        reply = board.reply(amara, msg.id, "<div>Count me in</div>")
        assert _ids(reader.poll()) == [(reply["id"], "new")]
        # The process dies here: nothing processed. A new process polls again.
        fresh = ThreadReader(store, client, sandbox.bot_person["id"], clock=sandbox.clock.now)
        assert _ids(handle_all(fresh)) == [(reply["id"], "new")]
        assert handle_all(fresh) == []

    def test_replies_already_there_when_watching_starts_are_read(
        self, handle_all, board, reader, amara, sandbox,
    ):
        project = sandbox.add_project("Network")
        busy = board.thread(project)
        older = board.thread(project, subject="Mentoring: offers")
        reader.watch(busy.id, busy.bucket.id, "signup", "a")
        for i in range(20):
            board.reply(amara, busy.id, f"<div>chat {i}</div>")
        handle_all(reader)  # high-water mark is now after all of those
        early = board.reply(amara, older.id, "<div>I'd like a mentor</div>")
        for i in range(20):
            board.reply(amara, busy.id, f"<div>more chat {i}</div>")
        handle_all(reader)
        reader.watch(older.id, older.bucket.id, "mentoring_call", "round:1")
        assert _ids(handle_all(reader)) == [(early["id"], "new")]


    def test_a_thread_gone_from_basecamp_does_not_stop_the_others(
        self, handle_all, board, reader, sandbox, amara,
    ):
        msg = board.thread()
        reader.watch(msg.id, msg.bucket.id, "signup", "event:x")
        reader.watch(987654321, msg.bucket.id, "signup", "event:gone")
        reply = board.reply(amara, msg.id, "<div>Count me in</div>")
        assert _ids(handle_all(reader)) == [(reply["id"], "new")]
        assert handle_all(reader) == []


# Request counts do not depend on the database; these run on PostgreSQL only (the deployed
# backend, and quicker here than SQLite's per-commit fsync).
@pytest.mark.parametrize("db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)],
                         indirect=True)
class TestPaging:
    def test_equal_timestamps_are_not_lost(self, handle_all, board, reader, sandbox, amara):
        msg = board.thread()
        reader.watch(msg.id, msg.bucket.id, "signup", "event:x")
        sandbox.clock.freeze()
        first = [sandbox.post_comment(amara["id"], msg.id, f"<div>{i}</div>") for i in range(20)]
        assert len(handle_all(reader)) == 20
        later = [sandbox.post_comment(amara["id"], msg.id, f"<div>b{i}</div>") for i in range(20)]
        changes = handle_all(reader)
        assert sorted(c.comment.id for c in changes) == sorted(r["id"] for r in later)
        assert not {c.comment.id for c in changes} & {r["id"] for r in first}

    def test_three_hundred_new_replies_page_correctly(
        self, handle_all, board, reader, sandbox, amara,
    ):
        msg = board.thread()
        reader.watch(msg.id, msg.bucket.id, "signup", "event:x")
        handle_all(reader)
        posted = [board.reply(amara, msg.id, f"<div>reply {i}</div>")["id"] for i in range(300)]
        changes = handle_all(reader)
        assert [c.comment.id for c in changes] == posted
        assert handle_all(reader) == []

    @pytest.mark.long
    @pytest.mark.parametrize("threads", [1, 10, 100, 500])
    def test_idle_poll_costs_constant_requests(
        self, handle_all, threads, board, sandbox, store, amara,
    ):
        # Request counts are the point here, not pacing: no rate limit on either side.
        sandbox.rate_limit(enabled=False)
        client = BasecampClient(sandbox.account_id, sandbox.token, "LOTI tests (t@loti.test)",
                                api_url=sandbox.api_url, pacer=Pacer(100_000, 1.0))
        reader = ThreadReader(store, client, sandbox.bot_person["id"], clock=sandbox.clock.now)
        bot = sandbox.bot_person["id"]
        for i in range(threads):
            project = sandbox.add_project(f"Event {i}")
            board_id = next(t["id"] for t in project["dock"] if t["name"] == "message_board")
            msg = sandbox.post_message(bot, board_id, f"Sign up {i}", "<div>Hi</div>")
            reader.watch(msg["id"], project["id"], "signup", f"event:{i}")
            board.reply(amara, msg["id"], "<div>Count me in</div>")
        assert len(handle_all(reader)) == threads
        sandbox.clock.advance(timedelta(seconds=60))  # the worker's next poll, a minute on
        handle_all(reader)  # re-reads the window behind the mark once, then trusts it
        before, not_modified = client.request_count, client.stats.not_modified
        assert handle_all(reader) == []
        assert client.request_count - before == 2  # the active and the trashed listing
        assert client.stats.not_modified - not_modified == 2  # both answered 304

    def test_more_projects_than_one_url_holds_still_see_new_edited_and_trashed_replies(
        self, handle_all, board, sandbox, store, amara, monkeypatch,
    ):
        # Too many projects to name in one listing URL: the listing covers every project the
        # bot can see, still one request per listing, and misses nothing.
        monkeypatch.setattr("bot.threads.BUCKET_CHARS", 12)
        sandbox.rate_limit(enabled=False)
        client = BasecampClient(sandbox.account_id, sandbox.token, "LOTI tests (t@loti.test)",
                                api_url=sandbox.api_url, pacer=Pacer(100_000, 1.0))
        reader = ThreadReader(store, client, sandbox.bot_person["id"], clock=sandbox.clock.now)
        bot = sandbox.bot_person["id"]
        threads, replies = [], []
        for i in range(8):
            project = sandbox.add_project(f"Event {i}")
            board_id = next(t["id"] for t in project["dock"] if t["name"] == "message_board")
            msg = sandbox.post_message(bot, board_id, f"Sign up {i}", "<div>Hi</div>")
            reader.watch(msg["id"], project["id"], "signup", f"event:{i}")
            threads.append(msg["id"])
            replies.append(board.reply(amara, msg["id"], "<div>Count me in</div>"))
        other = sandbox.add_project("Not watched")  # its comments are listed, then ignored
        other_board = next(t["id"] for t in other["dock"] if t["name"] == "message_board")
        other_msg = sandbox.post_message(bot, other_board, "Chat", "<div>Hi</div>")
        assert len(handle_all(reader)) == 8
        sandbox.clock.advance(timedelta(seconds=60))
        handle_all(reader)
        before = client.request_count
        assert handle_all(reader) == []
        assert client.request_count - before == 2

        sandbox.clock.advance(timedelta(seconds=60))
        board.reply(amara, other_msg["id"], "<div>Not a sign-up</div>")
        new = board.reply(amara, threads[7], "<div>Me too</div>")
        sandbox.clock.advance(timedelta(seconds=1))
        sandbox.edit_comment(replies[5]["id"], "<div>Count me in, plus one</div>")
        sandbox.clock.advance(timedelta(seconds=1))
        sandbox.trash_comment(replies[0]["id"])
        before = client.request_count
        got = {(c.comment.id, c.change) for c in handle_all(reader)}
        assert got == {(new["id"], "new"), (replies[5]["id"], "edited"),
                       (replies[0]["id"], "trashed")}  # fmt: skip
        assert client.request_count - before == 2
        assert not any("bucket=" in r.path for r in sandbox.request_log[-2:])


class TestMalformedListingItems:
    def test_a_malformed_comment_is_skipped_not_fatal(self, caplog):
        from bot.threads import _parse

        assert _parse({"id": 5, "content": "<div>no parent, creator or times</div>"}) is None
        assert "id 5" in caplog.text
        assert "no parent" not in caplog.text
