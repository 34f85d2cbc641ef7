"""Catching up after a late start: never post what has clearly had its moment (pure)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.core.calendar import LONDON, PlannedPost, catch_up, due_posts


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


EVENT = london(2026, 9, 8, 12, 30)
ANNOUNCE = PlannedPost("event:l:2026-09-08:announcement", "announcement",
                       london(2026, 8, 18, 9, 30), EVENT)
PLACES = PlannedPost("event:l:2026-09-08:places-left", "places_left",
                     london(2026, 9, 1, 9, 30), EVENT, follows=ANNOUNCE.key)
CALL = PlannedPost("mentoring:r:call", "call", london(2027, 2, 1, 10), london(2027, 2, 22, 10))


class TestCatchUp:
    def test_on_time_everything_due_goes_out(self) -> None:
        got = catch_up([ANNOUNCE, PLACES], london(2026, 8, 18, 9, 31))
        assert got.due == [ANNOUNCE] and got.missed == []

    def test_an_announcement_and_its_places_left_nudge_in_the_same_minute(self) -> None:
        # First run on 1 September: the announcement is two weeks late, the nudge due now.
        got = catch_up([ANNOUNCE, PLACES], london(2026, 9, 1, 9, 30))
        assert got.due == [ANNOUNCE]
        assert got.missed == [PLACES]

    def test_a_nudge_right_after_a_late_announcement_is_skipped(self) -> None:
        now = london(2026, 9, 1, 9, 35)
        announced = {ANNOUNCE.key: london(2026, 9, 1, 9, 30)}  # five minutes ago
        assert catch_up([ANNOUNCE, PLACES], now, announced).missed == [PLACES]

    def test_a_nudge_well_after_its_announcement_goes_out(self) -> None:
        now = london(2026, 9, 1, 9, 30)
        announced = {ANNOUNCE.key: london(2026, 8, 24, 9, 30)}  # a week ago: half the gap
        assert catch_up([ANNOUNCE, PLACES], now, announced).due == [PLACES]
        # Done without a known time (older records): trust the plan.
        assert catch_up([ANNOUNCE, PLACES], now, [ANNOUNCE.key]).due == [PLACES]

    def test_a_mentoring_call_three_weeks_late_on_matching_day_is_missed(self) -> None:
        got = catch_up([CALL], london(2027, 2, 22, 10, 5))
        assert got.due == [] and got.missed == [CALL]
        assert catch_up([CALL], london(2027, 2, 21, 10)).due == [CALL]  # late but useful

    def test_done_and_future_posts_are_neither(self) -> None:
        got = catch_up([ANNOUNCE, PLACES], london(2026, 8, 1), [])
        assert got.due == got.missed == []
        got = catch_up([ANNOUNCE, PLACES, CALL], london(2027, 3, 1), [ANNOUNCE.key, PLACES.key])
        assert got.due == [] and got.missed == [CALL]

    def test_due_posts_is_the_due_part(self) -> None:
        now = london(2026, 9, 1, 9, 30)
        assert due_posts([PLACES, ANNOUNCE], now) == [ANNOUNCE]

    def test_naive_now_is_refused(self) -> None:
        with pytest.raises(ValueError, match="naive"):
            catch_up([CALL], datetime(2027, 2, 1) + timedelta(hours=1))
