"""A burst of 500 replies in one cycle: every reply acknowledged once, no 429 from the sandbox."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from signups_world import SignupWorld

from bot.basecamp.pacing import BASECAMP_LIMIT, default_pacer

BURST = 500
# Basecamp's limit and the bot's default pacing, both with the window 10x shorter so the
# burst takes seconds, not minutes. The ratio (45 sent per 50 allowed) is production's.
TIME_SCALE = 0.1


@pytest.fixture
def fast_store():
    """A real SQLite store on tmpfs where there is one: this test is about requests, and
    3,000 fsyncs on a slow CI disk would only measure the disk."""
    from bot.store.db import Store, make_engine, migrate

    base = "/dev/shm" if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(dir=base) as tmp:
        engine = make_engine(f"sqlite:///{tmp}/burst.sqlite3")
        migrate(engine)
        store = Store(engine)
        yield store
        store.close()
        engine.dispose()


@pytest.fixture
def fast_world(sandbox, fast_store, tmp_path) -> SignupWorld:
    # The sandbox limits like Basecamp; the bot uses its DEFAULT pacing. The test is that the
    # default never trips the limit, even with network jitter 10x larger relative to the window.
    limit, per_seconds = BASECAMP_LIMIT
    sandbox.rate_limit(requests=limit, per_seconds=per_seconds * TIME_SCALE)
    pacer = default_pacer(time_scale=TIME_SCALE)
    assert pacer.max_requests < limit
    return SignupWorld(sandbox, fast_store, tmp_path, pacer=pacer)


# Paced on a real (scaled) window. Under `-n 2 --dist loadgroup` its own group; the other
# worker running beside it only slows the bot down, which the pacing tolerates.
@pytest.mark.long
@pytest.mark.xdist_group("paced")
def test_burst_of_500_replies_in_one_cycle(fast_world) -> None:
    world = fast_world
    world.announce(capacity=40)
    people = [world.member(f"Member {i}", f"m{i}@example.org") for i in range(BURST)]
    world.sb.clock.advance(timedelta(minutes=1))
    replies = [
        world.sb.post_comment(p["id"], world.message_id, "<div>Count me in!</div>") for p in people
    ]
    before = len(world.sb.request_log)
    result = world.cycle(plan=False)  # the live line is edited by the poll itself
    log = world.sb.request_log[before:]
    assert result.handled == BURST and result.failed == 0
    assert [r for r in log if r.status == 429] == []
    assert [r for r in world.sb.request_log if r.status == 429] == []  # setup included
    boosts = [world.bot_boosts(r["id"]) for r in replies]
    assert all(len(b) == 1 for b in boosts)
    assert boosts[0] == ["✅ You're in"] and boosts[-1] == [f"⏳ Waitlist {BURST - 40}"]
    assert f"40 of 40 places taken · {BURST - 40} on the waitlist" in world.announcement_html()
    writes = [r for r in log if r.method != "GET"]
    assert len(writes) == BURST + 2  # one boost each, one line edit, one participants edit
