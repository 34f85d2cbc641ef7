"""An unclear mentoring role leads to one question, not a guess; the member's reply answers it.

Topics with no role ("Keen on the cloud stuff") are what the reader cannot place: mentor or mentee?
Everything here is real: the reader, sandbox, store and templates.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from mentoring_world import World

from bot.jobs.asking import awaiting_answers
from bot.store import mentoring_tables as t
from bot.store.db import Store, make_engine

CALL = datetime(2027, 2, 1, 10, 0, tzinfo=UTC)
UNCLEAR = "Keen on the cloud stuff"


@pytest.fixture
def world(sandbox, db_url, tmp_path) -> World:
    w = World(sandbox, db_url, tmp_path)
    w.write_round(call_at="2027-02-01 10:00", match_at="2027-02-22 10:00",
                  introduce_at="2027-02-24 10:00", approval="false")  # fmt: skip
    return w


def _person(world: World, person_id: int) -> dict | None:
    engine = make_engine(world.db_url)
    try:
        with Store(engine).transaction() as conn:
            return next((r for r in t.people(conn, "test-round") if r["person_id"] == person_id),
                        None)  # fmt: skip
    finally:
        engine.dispose()


def _bot(world: World, call_id: int) -> tuple[list[str], list[int]]:
    me = world.sb.bot_person["id"]
    comments = [c["content"] for c in world.comments_on(call_id) if c["creator"]["id"] == me]
    with world.sb.lock:
        boosted = [b["recording_id"] for b in world.sb.state.boosts.values()
                   if b["booster_id"] == me]  # fmt: skip
    return comments, boosted


def test_an_unclear_role_is_asked_about_once_then_answered(world) -> None:
    sb = world.sb
    world.cycle(CALL)
    (call,) = world.messages(world.project)
    ada = world.member("Ada Okafor", "camden")
    sb.clock.set(CALL + timedelta(hours=1))
    first = sb.post_comment(ada["id"], call["id"], f"<div>{UNCLEAR}</div>")
    world.cycle(CALL + timedelta(hours=2))
    world.cycle(CALL + timedelta(hours=3))
    comments, boosted = _bot(world, call["id"])
    assert len(comments) == 1 and ada["attachable_sgid"] in comments[0]
    assert "reply 'mentor', 'mentee' or 'both'" in comments[0]
    assert boosted == []  # the question is the reply's one acknowledgement
    person = _person(world, ada["id"])
    assert person is None or person["role"] == "none"  # not a guess

    sb.clock.set(CALL + timedelta(hours=4))
    answer = sb.post_comment(ada["id"], call["id"], "<div>Mentor please</div>")
    world.cycle(CALL + timedelta(hours=5))
    world.cycle(CALL + timedelta(hours=6))
    comments, boosted = _bot(world, call["id"])
    assert len(comments) == 1
    assert boosted == [answer["id"]]
    assert _person(world, ada["id"])["role"] == "mentor"
    assert first["id"] not in boosted
    ctx = type("Ctx", (), {"store": Store(make_engine(world.db_url))})()
    try:
        assert awaiting_answers(ctx) == []
    finally:
        ctx.store.engine.dispose()
