"""`mentoring matches` and `mentoring dry-run` agree; `mentoring read` reads one reply."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import load_config
from tests.staff.staff_support import StaffDesk, make_desk
from tests.support.world import sandbox_env

NOW = datetime(2027, 2, 16, 9, tzinfo=UTC)


@pytest.fixture
def matched(sandbox, tmp_path: Path) -> StaffDesk:
    """A round that has been matched: one mentor, two mentees, the stored pair the one not
    re-matching would give (staff approved the proposal as it was)."""
    from bot.jobs.mentoring import compute_matches
    from bot.store import mentoring_tables as t
    from bot.store.db import Store, make_engine, migrate

    desk = make_desk(tmp_path)
    desk.env.update(sandbox_env(sandbox, desk.env["DATABASE_URL"],
                                LOTI_CONFIG_DIR=desk.env["LOTI_CONFIG_DIR"],
                                LOTI_TEMPLATES_DIR=desk.env["LOTI_TEMPLATES_DIR"]))
    rnd = load_config(desk.config_dir).mentoring[0]
    engine = make_engine(desk.env["DATABASE_URL"])
    migrate(engine)
    store = Store(engine)
    topic = sorted(rnd.topics)[0]
    people = [(1, "Ada Mentor", "camden", "mentor", 1, [topic], []),
              (2, "Bea Mentee", "hackney", "mentee", 0, [], [topic]),
              (3, "Cat Mentee", "brent", "mentee", 0, [], [topic])]
    with store.transaction() as conn:
        t.set_round(conn, rnd.key, NOW, stage="called")
        for pid, name, org, role, cap, offers, wants in people:
            t.save_person(conn, rnd.key, pid, NOW, name=name, email=f"{pid}@x.gov.uk",
                          sgid=None, org=org, level=None, role=role, capacity=cap,
                          offers=offers, wants=wants, preferences=[])
    result, _ = compute_matches(store, rnd)
    (pair,) = result.pairs
    other = 3 if pair.mentee_id == 2 else 2
    stored = {**asdict(pair), "mentee_id": other}
    with store.transaction() as conn:
        t.replace_pairs(conn, rnd.key, [stored], NOW)
        t.set_round(conn, rnd.key, NOW, stage="matched")
    store.close()
    engine.dispose()
    return desk


def test_matches_and_dry_run_agree_after_matching(matched: StaffDesk) -> None:
    shown = matched.run("mentoring", "matches", "--format", "json")
    assert shown.exit_code == 0, shown.output
    dry = matched.run("mentoring", "dry-run", "--format", "json")
    assert dry.exit_code == 0, dry.output
    as_matched = json.loads(shown.stdout)
    assert len(as_matched) == 1
    assert json.loads(dry.stdout) == as_matched


def test_read_without_json_reads_one_reply(desk: StaffDesk) -> None:
    result = desk.run("mentoring", "read",
                      "I'd love a mentor to help with agile delivery and stakeholder management")
    assert result.exit_code == 0, result.output
    assert "role: mentee" in result.output
    assert "topics:" in result.output and "agile delivery" in result.output


def test_read_of_standard_input_text(desk: StaffDesk) -> None:
    result = desk.run("mentoring", "read", "-", input="Happy to mentor two people on agile")
    assert result.exit_code == 0, result.output
    assert "role: mentor" in result.output and "capacity: 2" in result.output


def test_read_with_json_still_reads_json_lines(desk: StaffDesk) -> None:
    result = desk.run("mentoring", "read", "--json", "-",
                      input=json.dumps({"html": "I'd like a mentor"}) + "\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.splitlines()[0])["role"] == "mentee"


def test_read_with_neither_is_a_usage_error(desk: StaffDesk) -> None:
    result = desk.run("mentoring", "read")
    assert result.exit_code == 2
    assert "TEXT" in result.output
