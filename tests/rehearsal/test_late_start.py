"""Catching up after a late start: what has clearly had its moment is skipped, and staff told."""

from __future__ import annotations

import pytest

from tests.rehearsal.rehearsal_world import ConfigWorld, london


@pytest.fixture
def world(sandbox, db_url) -> ConfigWorld:
    return ConfigWorld(sandbox, db_url)


def test_first_run_on_places_left_day_announces_but_skips_the_nudge(world) -> None:
    # The 8 September Lunch and learn: announced 18 August, "places left" on 1 September.
    # The bot first runs at 9:30 on 1 September.
    result = world.tick(london(2026, 9, 1, 9, 30))
    assert result.exit_code == 0, result.output
    subjects = [m["subject"] for m in world.network()]
    assert subjects == ["Lunch and learn: Tuesday 8 September"]  # no "places left" as well
    (told,) = world.staff_room()
    assert told["subject"].startswith("Skipped: the “places left” nudge for Lunch and learn")
    assert "Nothing has been posted" in told["content"]
    # Later cycles neither post the nudge nor tell staff again.
    for when in (london(2026, 9, 1, 9, 35), london(2026, 9, 2, 9, 30)):
        assert world.tick(when).exit_code == 0
    assert [m["subject"] for m in world.network()] == subjects
    assert len(world.staff_room()) == 1


def test_a_mentoring_call_three_weeks_late_on_matching_day_is_skipped(world) -> None:
    # The spring round's call was due 1 February; the bot first runs on matching day.
    assert world.tick(london(2027, 2, 22, 10, 5)).exit_code == 0
    assert not any("mentoring round" in m["subject"] for m in world.network())
    approvals = world.staff_room("LOTI staff")
    assert approvals == []  # nothing to match: nobody was asked
    skipped = [m for m in world.staff_room() if "Spring 2027 mentoring round" in m["subject"]]
    assert len(skipped) == 1 and skipped[0]["subject"].startswith("Skipped: the call for")
    assert world.tick(london(2027, 2, 23, 10, 5)).exit_code == 0
    assert len([m for m in world.staff_room() if "mentoring" in m["subject"]]) == 1
    assert world.staff_room("LOTI staff") == []



def test_a_late_start_in_a_dry_run_lists_the_staff_message_and_records_nothing(world) -> None:
    result = world.tick(london(2026, 9, 1, 9, 30), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Skipped: the “places left” nudge" in result.output
    assert world.staff_room() == [] and world.network() == []
