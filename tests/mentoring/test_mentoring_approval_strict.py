"""Staff approval is strict, against the sandbox: only whole-reply commands from staff act,
and editing or trashing an approval before the introductions withdraws it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from mentoring_world import World

from bot.core.mentoring_answers import read_approval
from bot.store import mentoring_tables as t
from bot.store.db import Store, make_engine

CALL = datetime(2027, 2, 1, 10, 0, tzinfo=UTC)
MATCH = datetime(2027, 2, 22, 10, 0, tzinfo=UTC)
INTRO = datetime(2027, 2, 24, 10, 0, tzinfo=UTC)
HOSTILE = [
    "Looks good except Ada &amp; Mia – hold those",
    "no, don't send. all good otherwise",
    "Can you approve these, Priya?",
]
UNCLEAR = "I haven't acted on this: reply 'approve', or 'drop Name &amp; Name'"


class TestReadingApprovals:
    @pytest.mark.parametrize("text", [*HOSTILE, "lgtm", "thanks", "Approve? Not sure"])
    def test_anything_but_commands_is_not_understood(self, text) -> None:
        got = read_approval(f"<div>{text}</div>")
        assert not got.understood and not got.approve and not got.drops and not got.holds

    @pytest.mark.parametrize(
        ("text", "approve", "drops", "holds"),
        [
            ("approve", True, (), ()),
            ("Approve all", True, (), ()),
            ("hold Ada &amp; Mia", False, (), (("Ada", "Mia"),)),
            ("drop Ada &amp; Mia<br>hold Bea &amp; Ola<br>approve", True, (("Ada", "Mia"),),
             (("Bea", "Ola"),)),
        ],
    )  # fmt: skip
    def test_whole_reply_commands(self, text, approve, drops, holds) -> None:
        got = read_approval(f"<div>{text}</div>")
        assert (got.understood, got.approve, got.drops, got.holds) == (True, approve, drops, holds)


@pytest.fixture
def world(sandbox, migrated_db_url, tmp_path) -> World:
    w = World(sandbox, migrated_db_url, tmp_path)
    w.write_round(call_at="2027-02-01 10:00", match_at="2027-02-22 10:00",
                  introduce_at="2027-02-24 10:00", follow_up_after_weeks=6, approval="true",
                  approval_project="LOTI staff", introduce_via="comment")  # fmt: skip
    return w


def _stage(world: World) -> str:
    engine = make_engine(world.db_url)
    try:
        with Store(engine).transaction() as conn:
            return t.round_row(conn, "test-round").stage
    finally:
        engine.dispose()


def _pair_statuses(world: World) -> list[str]:
    engine = make_engine(world.db_url)
    try:
        with Store(engine).transaction() as conn:
            return [p["status"] for p in t.pairs(conn, "test-round")]
    finally:
        engine.dispose()


def _bot_comments(world: World, recording_id: int) -> list[str]:
    me = world.sb.bot_person["id"]
    return [c["content"] for c in world.comments_on(recording_id) if c["creator"]["id"] == me]


def test_only_whole_commands_approve_and_withdrawn_approvals_do_not_count(world) -> None:
    sb = world.sb
    world.cycle(CALL)
    (call,) = world.messages(world.project)
    sb.clock.set(CALL + timedelta(hours=1))
    for name, org, text in [("Ada Okafor", "camden", "Happy to mentor on cloud"),
                            ("Mia Cole", "hackney", "I'd like a mentor for cloud please")]:
        person = world.member(name, org)
        sb.post_comment(person["id"], call["id"], f"<div>{text}</div>")  # fmt: skip
    world.cycle(CALL + timedelta(hours=2))
    world.cycle(MATCH)
    (approval,) = world.messages(world.staff_project)
    assert _stage(world) == "matched"

    # Hostile near-approvals: none approves, each gets one "not acted on" reply.
    sb.clock.set(MATCH + timedelta(hours=1))
    for text in HOSTILE:
        sb.post_comment(world.priya["id"], approval["id"], f"<div>{text}</div>")
    world.cycle(MATCH + timedelta(hours=2))
    world.cycle(MATCH + timedelta(hours=3))
    assert _stage(world) == "matched"
    assert sum(UNCLEAR in c for c in _bot_comments(world, approval["id"])) == 3

    # A drop, edited to a hold, then trashed: the pair is proposed again.
    sb.clock.set(MATCH + timedelta(hours=3, minutes=10))
    drop = sb.post_comment(world.priya["id"], approval["id"], "<div>drop Ada &amp; Mia</div>")
    world.cycle(MATCH + timedelta(hours=3, minutes=20))
    assert _pair_statuses(world) == ["dropped"]
    sb.clock.set(MATCH + timedelta(hours=3, minutes=30))
    sb.edit_comment(drop["id"], "<div>hold Ada &amp; Mia</div>")
    world.cycle(MATCH + timedelta(hours=3, minutes=40))
    assert _pair_statuses(world) == ["held"]
    sb.trash_comment(drop["id"])
    world.cycle(MATCH + timedelta(hours=3, minutes=50))
    assert _pair_statuses(world) == ["proposed"]

    # An approval edited before the introductions is withdrawn (and read again).
    sb.clock.set(MATCH + timedelta(hours=4))
    ok = sb.post_comment(world.priya["id"], approval["id"], "<div>approve</div>")
    world.cycle(MATCH + timedelta(hours=5))
    assert _stage(world) == "approved"
    sb.clock.set(MATCH + timedelta(hours=6))
    sb.edit_comment(ok["id"], "<div>Hmm, wait: can we check Mia's dates first?</div>")
    world.cycle(MATCH + timedelta(hours=7))
    assert _stage(world) == "matched"
    assert sum(UNCLEAR in c for c in _bot_comments(world, approval["id"])) == 4

    # A trashed approval is withdrawn too: no introductions when their time comes.
    sb.clock.set(MATCH + timedelta(hours=8))
    again = sb.post_comment(world.amara["id"], approval["id"], "<div>Approve all</div>")
    world.cycle(MATCH + timedelta(hours=9))
    assert _stage(world) == "approved"
    sb.trash_comment(again["id"])
    world.cycle(MATCH + timedelta(hours=10))
    assert _stage(world) == "matched"
    world.cycle(INTRO)
    world.cycle(INTRO + timedelta(hours=1))
    assert _bot_comments(world, call["id"]) == []

    # A plain approval then introduces the pair, once.
    sb.clock.set(INTRO + timedelta(hours=2))
    sb.post_comment(world.priya["id"], approval["id"], "<div>Approve, thank you!</div>")
    world.cycle(INTRO + timedelta(hours=3))
    world.cycle(INTRO + timedelta(hours=4))
    world.cycle(INTRO + timedelta(hours=5))
    assert _stage(world) == "introduced"
    intros = _bot_comments(world, call["id"])
    assert len(intros) == 1
