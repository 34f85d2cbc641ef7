"""The poll job: dispatch by thread kind, one failing reply never stops the others."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest

from bot.jobs import poll as poll_job
from bot.jobs.poll import MAX_ATTEMPTS, poll, register


@pytest.fixture
def handlers(monkeypatch):
    """An empty handler registry for the test (features' real handlers are restored after)."""
    registry: dict = {}
    monkeypatch.setattr(poll_job, "HANDLERS", registry)
    monkeypatch.setattr(poll_job, "AFTER_POLL", [])
    return registry


@pytest.fixture
def ctx(reader):
    """The parts of a JobContext the poll job uses."""
    return SimpleNamespace(reader=reader, log=logging.getLogger("bot.jobs.poll.test"))


def test_changes_go_to_the_handler_for_their_thread_kind(board, reader, ctx, handlers, amara):
    seen: dict[str, list] = {"signup": [], "mentoring_call": []}
    register("signup")(lambda c, change: seen["signup"].append(change.comment.id))
    register("mentoring_call")(lambda c, change: seen["mentoring_call"].append(change.comment.id))
    event = board.thread(subject="Sign up: lunch")
    call = board.thread(subject="Mentoring: offers and requests")
    reader.watch(event.id, event.bucket.id, "signup", "event:lunch")
    reader.watch(call.id, call.bucket.id, "mentoring_call", "round:1")
    a = board.reply(amara, event.id, "<div>Count me in</div>")
    b = board.reply(amara, call.id, "<div>I'd like a mentor</div>")
    result = poll(ctx)
    assert seen == {"signup": [a["id"]], "mentoring_call": [b["id"]]}
    assert result.handled == 2 and result.failed == 0
    assert poll(ctx).changes == []


def test_a_failing_reply_is_retried_then_given_up_without_blocking(
    board, reader, ctx, handlers, amara, priya, caplog
):
    handled: list[int] = []
    # (Basecamp strips a <script>, so the handler trips on a word that is stored.)
    poison_html = "<div>secret-ish member text: unreadable</div>"

    def handler(c, change):
        if "unreadable" in change.comment.content:
            raise ValueError("cannot read this reply")
        handled.append(change.comment.id)

    register("signup")(handler)
    msg = board.thread()
    reader.watch(msg.id, msg.bucket.id, "signup", "event:x")
    bad = board.reply(amara, msg.id, poison_html)
    good = board.reply(priya, msg.id, "<div>Count me in</div>")
    with caplog.at_level(logging.WARNING):
        first = poll(ctx)
    assert handled == [good["id"]]
    assert first.failed == 1 and first.given_up == 0
    assert reader.seen(bad["id"]) is None
    assert "secret-ish" not in caplog.text and f"reply {bad['id']}" in caplog.text

    for _ in range(MAX_ATTEMPTS - 2):
        result = poll(ctx)
        assert [c.comment.id for c in result.changes] == [bad["id"]]
    last = poll(ctx)
    assert last.given_up == 1
    assert reader.seen(bad["id"]).error.startswith("ValueError")
    assert poll(ctx).changes == []
    later = board.reply(priya, msg.id, "<div>And my colleague</div>")
    assert [c.comment.id for c in poll(ctx).changes] == [later["id"]]
    assert handled == [good["id"], later["id"]]


def test_an_edit_of_a_given_up_reply_is_tried_afresh(board, reader, ctx, handlers, amara,
                                                     sandbox):
    calls: list[str] = []

    def handler(c, change):
        calls.append(change.change)
        if "broken" in change.comment.content:
            raise ValueError("nope")

    register("signup")(handler)
    msg = board.thread()
    reader.watch(msg.id, msg.bucket.id, "signup", "event:x")
    bad = board.reply(amara, msg.id, "<div>broken</div>")
    for _ in range(MAX_ATTEMPTS):
        poll(ctx)
    sandbox.edit_comment(bad["id"], "<div>Count me in</div>")
    result = poll(ctx)
    assert result.handled == 1 and calls[-1] == "edited"


def test_no_handler_for_a_kind_is_a_failure_not_a_crash(board, reader, ctx, handlers, amara):
    msg = board.thread()
    reader.watch(msg.id, msg.bucket.id, "unconference_topics", "unconf:1")
    board.reply(amara, msg.id, "<div>Topic: open data</div>")
    result = poll(ctx)
    assert result.failed == 1 and result.handled == 0


def test_auth_failure_stops_the_cycle(board, reader, ctx, handlers, amara):
    from bot.basecamp.errors import AuthError

    def handler(c, change):
        raise AuthError(401, "https://example.invalid/x", "expired")

    register("signup")(handler)
    msg = board.thread()
    reader.watch(msg.id, msg.bucket.id, "signup", "event:x")
    reply = board.reply(amara, msg.id, "<div>Count me in</div>")
    with pytest.raises(AuthError):
        poll(ctx)
    assert reader.seen(reply["id"]) is None
    handlers["signup"] = lambda c, change: None
    assert [c.comment.id for c in poll(ctx).changes] == [reply["id"]]


def test_after_poll_steps_run_once_per_cycle_and_failures_are_contained(
    board, reader, ctx, handlers, amara, caplog
):
    ran: list[int] = []
    poll_job.AFTER_POLL.append(lambda c: ran.append(1))
    poll_job.AFTER_POLL.append(lambda c: 1 / 0)
    poll_job.AFTER_POLL.append(lambda c: ran.append(2))
    msg = board.thread()
    reader.watch(msg.id, msg.bucket.id, "signup", "event:x")
    with caplog.at_level(logging.ERROR):
        poll(ctx)
    assert ran == [1, 2]
    assert "after-poll step" in caplog.text


def test_basecamp_trouble_is_retried_without_giving_up_on_the_reply(
    board, reader, ctx, handlers, amara
):
    from bot.outbox import WriteOutcomeUnknown

    outcomes = [WriteOutcomeUnknown("ack:1", "boost", "connection dropped")] * (MAX_ATTEMPTS + 1)

    def handler(c, change):
        if outcomes:
            raise outcomes.pop()

    register("signup")(handler)
    msg = board.thread()
    reader.watch(msg.id, msg.bucket.id, "signup", "event:x")
    reply = board.reply(amara, msg.id, "<div>Count me in</div>")
    for _ in range(MAX_ATTEMPTS + 1):
        assert poll(ctx).given_up == 0
    assert reader.seen(reply["id"]) is None
    assert poll(ctx).handled == 1
    assert reader.seen(reply["id"]).error is None
