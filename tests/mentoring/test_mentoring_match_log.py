"""The mentoring job logs whether its match is proven optimal, and how far off it may be."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from mentoring_world import World

from bot.core.matching import match

CALL = datetime(2027, 2, 1, 10, 0, tzinfo=UTC)
MATCH = datetime(2027, 2, 22, 10, 0, tzinfo=UTC)
REPLIES = [("Ada Okafor", "camden", "Director of Digital", "Happy to mentor on cloud"),
           ("Bea Patel", "brent", "Head of Service", "I'd like to mentor on leadership"),
           ("Mia Cole", "hackney", "Officer", "I'd like a mentor for cloud please"),
           ("Ola Gray", "enfield", "Officer", "Would love a mentor to help with leadership")]


@pytest.fixture
def world(sandbox, migrated_db_url, tmp_path) -> World:
    w = World(sandbox, migrated_db_url, tmp_path)
    w.write_round(call_at="2027-02-01 10:00", match_at="2027-02-22 10:00",
                  introduce_at="2027-02-24 10:00", approval="false")  # fmt: skip
    assert w.cycle(CALL) == 0
    (call,) = w.messages(w.project)
    w.sb.clock.set(CALL + timedelta(hours=1))
    for name, org, title, text in REPLIES:
        person = w.member(name, org, title)
        w.sb.post_comment(person["id"], call["id"], f"<div>{text}</div>")
    assert w.cycle(CALL + timedelta(hours=2)) == 0
    return w


def matched_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if " matched " in r.getMessage()]


def test_a_match_logs_that_it_is_exact(world: World, caplog) -> None:
    with caplog.at_level(logging.INFO):
        assert world.cycle(MATCH) == 0
    (line,) = matched_lines(caplog)
    assert line.levelno == logging.INFO
    assert "matched 2 pairs, 0 mentees unmatched" in line.getMessage()
    assert "(exact: yes, gap: 0)" in line.getMessage()


def test_a_match_cut_short_by_the_time_limit_is_a_warning_with_its_gap(world: World,
                                                                       caplog) -> None:  # fmt: skip
    def cut_short(*args, **kwargs):
        result = match(*args, **kwargs)
        return replace(result, exact=False, bound=result.total + 2.5)

    with mock.patch("bot.jobs.mentoring.match", cut_short), caplog.at_level(logging.INFO):
        assert world.cycle(MATCH) == 0
    (line,) = matched_lines(caplog)
    assert line.levelno == logging.WARNING
    assert "(exact: no, gap: 2.5)" in line.getMessage()
