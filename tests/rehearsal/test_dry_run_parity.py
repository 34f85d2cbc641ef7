"""`tick --dry-run` lists exactly the writes the real tick then makes, across a season."""

from __future__ import annotations

import re
from datetime import UTC

import pytest
from sqlalchemy import create_engine, select

from bot.store.outbox_tables import outbox
from tests.rehearsal.rehearsal_world import ConfigWorld, london

KEY = re.compile(r"dry run: (would .*) \(key ([^)]+)\)$")
EVENT = "event:lunch-and-learn:2027-01-12:announcement"
# (when, who replies to which post before the tick): a season of the shipped config.
SEASON = [
    (london(2026, 9, 1, 9, 30), None),  # a late first run: announcement, nudge skipped
    (london(2026, 12, 22, 9, 30), None),
    (london(2026, 12, 23, 9, 30), EVENT),  # replies read and acknowledged, the live line
    (london(2027, 1, 5, 9, 30), None),  # "places left"
    (london(2027, 1, 11, 9, 30), None),  # reminder; cohort recruitment
    (london(2027, 1, 25, 9, 30), "cohort:spring-2027:recruitment"),  # nudges
    (london(2027, 2, 1, 10, 5), None),  # the mentoring call
    (london(2027, 2, 22, 10, 5), None),  # matching; the cohort project is set up
    (london(2027, 3, 5, 9, 30), None),  # a reflection agenda
]
REPLIES = ["Count me in!", "Sadly can't make it.", "Yes please, put me down.",
           "Will it be recorded?"]


@pytest.fixture
def world(sandbox, db_url) -> ConfigWorld:
    return ConfigWorld(sandbox, db_url)


def _rows(world: ConfigWorld) -> list:
    engine = create_engine(world.db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(outbox.c.key, outbox.c.kind, outbox.c.status,
                                       outbox.c.basecamp_id, outbox.c.updated_at)).all()
    finally:
        engine.dispose()


def _writes_at(world: ConfigWorld, when) -> dict[str, str]:
    """The outbox rows the real tick at `when` wrote (key -> kind)."""
    at = when.astimezone(UTC).replace(tzinfo=None)
    return {r.key: r.kind for r in _rows(world) if r.status == "done"
            and r.updated_at.replace(tzinfo=None) == at}


def _reply(world: ConfigWorld, key: str) -> None:
    """A few members reply to the bot's post `key`."""
    (message_id,) = [r.basecamp_id for r in _rows(world) if r.key == key]
    members = [i for ids in world.seeded.members.values() for i in ids]
    for person, text in zip(members[::7], REPLIES, strict=False):
        world.sb.post_comment(person, message_id, f"<div>{text}</div>")


@pytest.mark.long
def test_a_dry_run_lists_what_the_real_tick_then_writes(world) -> None:
    compared = 0
    for when, replies_to in SEASON:
        if replies_to:
            _reply(world, replies_to)
        dry = world.tick(when, "--dry-run")
        assert dry.exit_code == 0, dry.output
        listed = {}
        for line in dry.output.splitlines():
            found = KEY.search(line)
            if found:
                listed[found.group(2)] = found.group(1)
        real = world.tick(when)
        assert real.exit_code == 0, real.output
        written = _writes_at(world, when)
        assert set(listed) == set(written), (when, set(listed) ^ set(written))
        for key, kind in written.items():  # each listed in words: the subject or the text
            if kind == "message":
                subject = next(r["subject"] for r in world.sb.state.recordings.values()
                               if r["type"] == "Message" and r["subject"]
                               and f"“{r['subject']}”" in listed[key])
                assert subject
        compared += len(written)
    assert compared > 40  # the season really did post things
