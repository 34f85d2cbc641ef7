"""Access lost in the middle of a tick (replies read, acknowledgements refused) loses nothing.

Basecamp answers 401 once the token is revoked and 404 once the bot is removed from the
project. Either way the refused writes stay pending, no reply is given up, and once access is
back every sign-up and acknowledgement lands exactly once and the live line catches up.
"""

from __future__ import annotations

from collections import Counter

import pytest

from bot.basecamp.pacing import NoPacing
from bot.jobs import poll
from bot.jobs.signups import signup_rows
from bot.outbox import AccessLost
from tests.signups.signups_world import SignupWorld

WRITES = ("POST", "PUT", "DELETE")


@pytest.fixture
def world(sandbox, store, tmp_path) -> SignupWorld:
    poll.load_handlers()
    sandbox.rate_limit(requests=10_000, per_seconds=10)  # not what is tested here
    return SignupWorld(sandbox, store, tmp_path, pacer=NoPacing())


def _lose_access(world: SignupWorld, how: str) -> None:
    if how == "token revoked (401)":
        world.sb.faults.deny(401, methods=WRITES)
    else:  # removed from the project: its content and the project itself answer 404
        world.sb.faults.deny(404, methods=WRITES)
        world.sb.faults.deny(404, methods=("GET",), path=rf"/projects/{world.project['id']}\b")


@pytest.mark.parametrize("how", ["token revoked (401)", "removed from the project (404)"])
def test_access_lost_mid_tick_then_restored_loses_no_sign_up(world, how) -> None:
    world.announce(capacity=20)
    members = [world.member(f"Member {i}", f"m{i}@camden.gov.uk") for i in range(20)]
    replies = [world.reply(m, "Count me in please") for m in members]
    _lose_access(world, how)
    for _ in range(8):  # more cycles than MAX_ATTEMPTS: nothing may be given up meanwhile
        with pytest.raises(AccessLost):
            world.cycle()
    world.sb.faults.allow()
    for _ in range(3):
        world.cycle()

    assert {r.email: r.status for r in signup_rows(world.ctx, world.key)} == {
        m["email_address"]: "confirmed" for m in members
    }
    boosts = Counter()
    for r in replies:
        boosts[tuple(world.bot_boosts(r["id"]))] += 1
    assert boosts == {("✅ You're in",): 20}  # each acknowledged exactly once
    assert "20 of 20 places taken" in world.announcement_html()
    assert world.participants() == sorted(m["id"] for m in members)


def test_a_reply_whose_ack_was_refused_is_acknowledged_later(world) -> None:
    world.announce(capacity=5)
    amara = world.member("Amara Okafor", "amara@camden.gov.uk")
    reply = world.reply(amara, "Yes please!")
    world.sb.faults.deny(403, methods=WRITES)
    with pytest.raises(AccessLost):
        world.cycle()
    world.sb.faults.allow()
    world.cycle()
    world.cycle()
    assert world.bot_boosts(reply["id"]) == ["✅ You're in"]
    assert "1 of 5 places taken" in world.announcement_html()


def test_a_404_on_one_deleted_reply_does_not_stop_the_others(world) -> None:
    # A 404 while the project is still readable is about that one item, not lost access.
    world.announce(capacity=5)
    a = world.member("Amara Okafor", "amara@camden.gov.uk")
    b = world.member("Bea Patel", "bea@brent.gov.uk")
    ra = world.reply(a, "Yes please!")
    rb = world.reply(b, "Count me in")
    world.sb.faults.deny(404, methods=("POST",), path=rf"/recordings/{ra['id']}/boosts")
    result = world.cycle()
    assert result.failed == 1
    assert world.bot_boosts(rb["id"]) == ["✅ You're in"]
