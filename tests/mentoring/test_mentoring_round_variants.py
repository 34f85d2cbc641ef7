"""Round options: no approval, Campfire and message introductions, dry-run posting nothing,
unmatched mentees carried to the next round, and no pair repeated across rounds."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from mentoring_world import World

from bot.core.calendar import LONDON

R1 = datetime(2027, 2, 1, 10, 0, tzinfo=UTC)
R2 = datetime(2027, 6, 1, 9, 0, tzinfo=UTC)  # British Summer Time: 10:00 in London


def dates(start: datetime) -> dict[str, str]:
    """Round dates as staff write them: London time, no zone."""
    local = start.astimezone(LONDON).replace(tzinfo=None)
    return {
        "call_at": f"{local:%Y-%m-%d %H:%M}",
        "match_at": f"{local + timedelta(days=14):%Y-%m-%d %H:%M}",
        "introduce_at": f"{local + timedelta(days=15):%Y-%m-%d %H:%M}",
    }


@pytest.fixture
def world(sandbox, tmp_path) -> World:
    # One backend is enough here: the full round runs on SQLite and PostgreSQL elsewhere.
    return World(sandbox, f"sqlite:///{tmp_path / 'store.sqlite3'}", tmp_path)


def _posts(world: World) -> int:
    return sum(method != "GET" for method, _, _ in world.sb.request_log)


def test_two_rounds_without_approval(world: World) -> None:
    sb = world.sb
    world.write_round("r1", approval="false", introduce_via="campfire", **dates(R1))
    ada = world.member("Ada Okafor", "camden", "Director")
    mia = world.member("Mia Cole", "brent", "Officer")
    nia = world.member("Nia Ford", "hackney", "Officer")
    assert world.cycle(R1) == 0
    (call,) = world.messages(world.project)
    sb.post_comment(ada["id"], call["id"], "<div>Happy to mentor on cloud</div>")
    sb.post_comment(mia["id"], call["id"], "<div>I'd like a mentor for cloud please</div>")
    sb.post_comment(nia["id"], call["id"], "<div>Mentee please - AI</div>")

    # dry-run reads the replies straight from Basecamp and posts nothing at all
    before = _posts(world)
    dry = world.cli("mentoring", "dry-run", "--format", "json")
    assert dry.exit_code == 0, dry.output
    (pair,) = json.loads(dry.stdout)
    assert (pair["mentor"], pair["mentee"]) == ("Ada Okafor", "Mia Cole")
    assert _posts(world) == before and world.bot_boosts() == []

    assert world.cycle(R1 + timedelta(hours=1)) == 0
    assert world.cycle(R1 + timedelta(days=14)) == 0  # matched; approval off
    assert world.cycle(R1 + timedelta(days=15)) == 0  # introduced
    assert world.cycle(R1 + timedelta(days=15, hours=1)) == 0
    lines = sb.recordings("Chat::Lines::RichText")
    assert len(lines) == 1
    assert ada["attachable_sgid"] in lines[0]["content"]
    assert mia["attachable_sgid"] in lines[0]["content"]
    told = [c for c in world.comments_on(call["id"]) if c["creator"]["id"] == sb.bot_person["id"]]
    assert len(told) == 1 and nia["attachable_sgid"] in told[0]["content"]

    # Round 2: Nia (unmatched, no new reply) is carried over; Ada and Mia are not paired again.
    world.write_round("r2", approval="false", introduce_via="message", **dates(R2))
    assert world.cycle(R2) == 0
    call2 = [m for m in world.messages(world.project) if m["id"] != call["id"]]
    assert len(call2) == 1
    sb.post_comment(ada["id"], call2[0]["id"], "<div>I'll mentor again — cloud</div>")
    sb.post_comment(mia["id"], call2[0]["id"], "<div>Mentee please, cloud again</div>")
    assert world.cycle(R2 + timedelta(hours=1)) == 0
    assert world.cycle(R2 + timedelta(days=14)) == 0
    assert world.cycle(R2 + timedelta(days=15)) == 0
    intros = [m for m in world.messages(world.project)
              if m["subject"].startswith("Mentoring intro")]  # fmt: skip
    assert [m["subject"] for m in intros] == ["Mentoring introduction: Ada Okafor and Nia Ford"]
    report = json.loads(world.cli("mentoring", "report", "--json", "--round", "r2").stdout)
    assert report["introduced"] == 1 and report["stage"] == "introduced"
