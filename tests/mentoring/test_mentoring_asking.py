"""An unclear mentoring role leads to one question, not a guess; the member's reply answers it.

Topics with no role ("Keen on the cloud stuff") are what the reader cannot place: mentor or mentee?
Everything here is real: the reader, sandbox, store and templates.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from mentoring_world import World

from bot.jobs.asking import awaiting_answers
from bot.store import mentoring_tables as t
from bot.store.db import Store, make_engine
from bot.store.signups_repo import questions

CALL = datetime(2027, 2, 1, 10, 0, tzinfo=UTC)
UNCLEAR = "Keen on the cloud stuff"


@pytest.fixture
def world(sandbox, migrated_db_url, tmp_path) -> World:
    w = World(sandbox, migrated_db_url, tmp_path)
    w.write_round(call_at="2027-02-01 10:00", match_at="2027-02-22 10:00",
                  introduce_at="2027-02-24 10:00", approval="false")  # fmt: skip
    return w


@contextmanager
def _store(world: World) -> Iterator[Store]:
    engine = make_engine(world.db_url)
    try:
        yield Store(engine)
    finally:
        engine.dispose()


def _person(world: World, person_id: int) -> dict | None:
    with _store(world) as store, store.transaction() as conn:
        return next((r for r in t.people(conn, "test-round") if r["person_id"] == person_id),
                    None)  # fmt: skip


def _unclear_reply(world: World) -> tuple[dict, dict, dict]:
    """The call goes out, Ada's reply gives no role, and the bot reads it: (call, Ada, reply)."""
    world.cycle(CALL)
    (call,) = world.messages(world.project)
    ada = world.member("Ada Okafor", "camden")
    world.sb.clock.set(CALL + timedelta(hours=1))
    first = world.sb.post_comment(ada["id"], call["id"], f"<div>{UNCLEAR}</div>")
    world.cycle(CALL + timedelta(hours=2))
    return call, ada, first


def _bot(world: World, call_id: int) -> tuple[list[str], list[int]]:
    me = world.sb.bot_person["id"]
    comments = [c["content"] for c in world.comments_on(call_id) if c["creator"]["id"] == me]
    with world.sb.lock:
        boosted = [b["recording_id"] for b in world.sb.state.boosts.values()
                   if b["booster_id"] == me]  # fmt: skip
    return comments, boosted


def test_an_unclear_role_is_asked_about_once_then_answered(world) -> None:
    sb = world.sb
    call, ada, first = _unclear_reply(world)
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
    assert _person(world, ada["id"])["offers"] == ["cloud"]  # the unclear reply's topic counts
    assert first["id"] not in boosted
    with _store(world) as store:
        assert awaiting_answers(SimpleNamespace(store=store)) == []


def _questions(world: World) -> list:
    with _store(world) as store, store.transaction() as conn:
        return questions(conn, "mentoring_call", "test-round")


def test_a_boost_naming_a_role_answers_the_question(world) -> None:
    sb = world.sb
    call, ada, first = _unclear_reply(world)
    comments, _ = _bot(world, call["id"])
    (question,) = [c for c in world.comments_on(call["id"])
                   if c["creator"]["id"] == sb.bot_person["id"]]  # fmt: skip
    assert "1️⃣ to mentor, 2️⃣ to be mentored, 3️⃣ for both" in comments[0]

    # A bare ✅ cannot tell mentor from mentee: it answers nothing, and nobody guesses.
    sb.boost(ada["id"], question["id"], "✅")
    world.cycle(CALL + timedelta(hours=3))
    person = _person(world, ada["id"])
    assert person is None or person["role"] == "none"
    assert [q.status for q in _questions(world)] == ["open"]

    # Someone else's boost is not her answer.
    bea = world.member("Bea Lin", "brent")
    sb.boost(bea["id"], question["id"], "1️⃣")
    world.cycle(CALL + timedelta(hours=4))
    assert [q.status for q in _questions(world)] == ["open"]

    sb.boost(ada["id"], question["id"], "1️⃣")
    world.cycle(CALL + timedelta(hours=5))
    world.cycle(CALL + timedelta(hours=6))  # a fresh process: nothing repeated
    person = _person(world, ada["id"])
    assert person["role"] == "mentor"
    assert person["offers"] == ["cloud"]  # her unclear reply's topic, with the role she chose
    (q,) = _questions(world)
    assert (q.status, q.answer) == ("answered", "mentor")
    comments, boosted = _bot(world, call["id"])
    assert len(comments) == 1  # no second question
    assert boosted == [first["id"]]  # the reply acknowledged exactly once


def test_a_reply_that_may_not_be_english_gets_plain_words_and_staff_told_once(world) -> None:
    sb = world.sb
    sb.grant(world.project["id"], [world.priya["id"]])  # staff on the call's project
    world.cycle(CALL)
    (call,) = world.messages(world.project)
    ioana = world.member("Ioana Popescu", "hackney")
    sb.clock.set(CALL + timedelta(hours=1))
    sb.post_comment(ioana["id"], call["id"], "<div>Sunt interesată de date și cloud</div>")
    world.cycle(CALL + timedelta(hours=2))
    sb.clock.set(CALL + timedelta(hours=3))
    sb.post_comment(ioana["id"], call["id"], "<div>Da, vin cu drag! Mă interesează cloud</div>")
    world.cycle(CALL + timedelta(hours=4))
    comments, _ = _bot(world, call["id"])
    assert len(comments) == 2
    assert all('Please reply "mentor", "mentee" or "both"' in c for c in comments)
    assert all(ioana["attachable_sgid"] in c for c in comments)
    told = [c for c in comments if world.priya["attachable_sgid"] in c]
    assert len(told) == 1 and "may not be in English" in told[0]
    assert comments[0] == told[0]
    person = _person(world, ioana["id"])
    assert person is None or person["role"] == "none"
    # Matching settles the round: nobody is left waiting for an answer.
    world.cycle(datetime(2027, 2, 22, 10, 30, tzinfo=UTC))
    assert {q.status for q in _questions(world)} == {"withdrawn"}


def test_a_basecamp_company_name_is_never_taken_for_a_member_organisation(world) -> None:
    sb = world.sb
    world.cycle(CALL)
    (call,) = world.messages(world.project)
    # Her account says "Camden", but her email is not a member organisation's domain.
    zoe = sb.add_person("Zoe Hart", "zoe.hart@example.org", "Camden")
    sb.grant(world.project["id"], [zoe["id"]])
    ada = world.member("Ada Okafor", "camden")
    sb.clock.set(CALL + timedelta(hours=1))
    sb.post_comment(zoe["id"], call["id"], "<div>I'd love to be mentored on cloud</div>")
    sb.post_comment(ada["id"], call["id"], "<div>Happy to mentor on cloud</div>")
    world.cycle(CALL + timedelta(hours=2))
    assert _person(world, zoe["id"])["org"] is None
    assert _person(world, ada["id"])["org"] == "Camden"


def test_only_a_boost_naming_one_choice_is_an_answer() -> None:
    from bot.core.mentoring_answers import role_boost_answer

    assert role_boost_answer("1\ufe0f\u20e3") == "mentor"
    assert role_boost_answer("2️⃣") == "mentee"
    assert role_boost_answer("3️⃣") == "both"
    assert role_boost_answer(" Mentee! ") == "mentee"
    assert role_boost_answer("❌") == "decline"
    for unclear in ("✅", "👍", "yes", "🎉", "", None):
        assert role_boost_answer(unclear) is None
