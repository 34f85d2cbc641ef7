"""Losing access is not a rejection: refused writes stay pending and land once access is back.

And a write whose outcome is unknown is given time to show up before it is sent again.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from bot.outbox import AccessLost, Outbox, WriteOutcomeUnknown
from bot.store.outbox_tables import outbox as outbox_table

ACK = "<div>Thanks, you're on the list.</div>"


def _row(store, key):
    with store.transaction() as conn:
        return conn.execute(outbox_table.select().where(outbox_table.c.key == key)).first()


def _bot_comments(client, message, me) -> list:
    return [c for c in client.comments(message.id) if c.creator.id == me.id]


@pytest.mark.parametrize("status", [401, 403, 404])
def test_a_refused_write_stays_pending_and_lands_once_access_is_back(
    status, outbox, client, message, sandbox, store, me
):
    # Enough refusals to outlast a token refresh and every client retry.
    sandbox.faults.script([status] * 3, methods=("POST",), path="/comments")
    with pytest.raises(AccessLost):
        outbox.create_comment("ack:comment:1", message.id, ACK)
    row = _row(store, "ack:comment:1")
    assert row.status == "pending"  # never a definite failure
    sandbox.faults.clear()
    for _ in range(3):  # later cycles: written exactly once, then done
        outbox.create_comment("ack:comment:1", message.id, ACK)
    assert len(_bot_comments(client, message, me)) == 1
    assert _row(store, "ack:comment:1").status == "done"


def test_a_key_failed_by_an_old_auth_refusal_is_tried_again(outbox, client, message, store,
                                                            me):
    # Rows left 'failed' by a 401/403/404 before this fix must not block a live line for ever.
    now = datetime.now(UTC)
    with store.transaction() as conn:
        conn.execute(outbox_table.insert().values(
            key="ack:comment:2", kind="comment", status="failed", target_id=message.id,
            payload_digest="x", attempts=5, error="AuthError: Basecamp rejected the token",
            created_at=now, updated_at=now))
    outbox.create_comment("ack:comment:2", message.id, ACK)
    assert _row(store, "ack:comment:2").status == "done"
    assert len(_bot_comments(client, message, me)) == 1


class _Wall:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_an_unknown_outcome_is_given_a_grace_period_before_writing_again(
    store, client, me, message, sandbox
):
    wall = _Wall()
    ob = Outbox(store, client, me, clock=sandbox.clock.now, wall_clock=wall)
    # The write commits 1.5 s after its answer was lost: an immediate retry would not see it.
    sandbox.faults.commit_late(1.5, methods=("POST",), path="/comments")
    with pytest.raises(WriteOutcomeUnknown):
        ob.create_comment("ack:comment:3", message.id, ACK)
    assert _bot_comments(client, message, me) == []
    # The next cycle, a moment later: still within the grace, so nothing is sent.
    wall.now += timedelta(seconds=5)
    with pytest.raises(WriteOutcomeUnknown, match="grace"):
        ob.create_comment("ack:comment:3", message.id, ACK)
    sandbox.faults.wait_late_commits()
    wall.now += ob.unsure_grace
    ob.create_comment("ack:comment:3", message.id, ACK)  # found, not written again
    assert len(_bot_comments(client, message, me)) == 1
    assert _row(store, "ack:comment:3").status == "done"


def test_after_the_grace_a_write_that_never_landed_is_sent_once(store, client, me, message,
                                                                sandbox):
    wall = _Wall()
    ob = Outbox(store, client, me, clock=sandbox.clock.now, wall_clock=wall)
    sandbox.faults.script([503], methods=("POST",), path="/comments")
    with pytest.raises(WriteOutcomeUnknown):
        ob.create_comment("ack:comment:4", message.id, ACK)
    wall.now += ob.unsure_grace + timedelta(seconds=1)
    ob.create_comment("ack:comment:4", message.id, ACK)
    assert len(_bot_comments(client, message, me)) == 1


def test_a_lease_guard_stops_writes(store, client, me, message, sandbox):
    held = threading.Event()
    ob = Outbox(store, client, me, clock=sandbox.clock.now, may_write=held.is_set)
    before = client.request_count
    with pytest.raises(AccessLost, match="lease"):
        ob.create_comment("ack:comment:5", message.id, ACK)
    assert client.request_count == before


def test_a_404_on_deleting_a_boost_while_access_is_lost_is_not_taken_for_gone(
    outbox, client, message, sandbox, store, me
):
    boost = outbox.create_boost("ack:boost:1", message.id, "⏳ Waitlist 1")
    sandbox.faults.deny(404, methods=("DELETE",))
    with pytest.raises(AccessLost):
        outbox.delete_boost("ack:boost:1:delete", boost.id, recording_id=message.id)
    assert [b.id for b in client.boosts(message.id)] == [boost.id]
    assert _row(store, "ack:boost:1:delete").status == "pending"
    sandbox.faults.allow()
    outbox.delete_boost("ack:boost:1:delete", boost.id, recording_id=message.id)
    assert list(client.boosts(message.id)) == []
    # A boost that really is gone counts as deleted.
    outbox.delete_boost("ack:boost:1:delete-again", boost.id, recording_id=message.id)
    assert _row(store, "ack:boost:1:delete-again").status == "done"
