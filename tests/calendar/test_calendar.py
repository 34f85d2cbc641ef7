"""Pure Europe/London time logic, checked with fixed datetimes across the clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.core.calendar import (
    LONDON,
    PlannedPost,
    course_week,
    due_posts,
    lead_time,
    local_datetime,
    monthly_dates,
    nth_weekday,
    occurrence_times,
    parse_ordinal,
    parse_weekday,
    reflection_dates,
    to_basecamp,
)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


class TestRecurrence:
    def test_second_tuesday_of_each_month(self):
        got = monthly_dates(2, 1, date(2026, 1, 1), date(2026, 12, 31))
        assert got[0] == date(2026, 1, 13)
        assert got[2] == date(2026, 3, 10)
        assert got[9] == date(2026, 10, 13)
        assert got[11] == date(2026, 12, 8)
        assert len(got) == 12
        assert all(d.weekday() == 1 and 8 <= d.day <= 14 for d in got)

    def test_last_weekday_and_missing_fifth(self):
        assert nth_weekday(2026, 3, -1, 6) == date(2026, 3, 29)  # last Sunday: BST starts
        assert nth_weekday(2026, 10, -1, 6) == date(2026, 10, 25)  # GMT returns
        assert nth_weekday(2026, 2, 5, 0) is None  # Feb 2026 has four Mondays

    def test_range_is_inclusive_and_clipped(self):
        assert monthly_dates(2, 1, date(2026, 1, 13), date(2026, 2, 10)) == [
            date(2026, 1, 13),
            date(2026, 2, 10),
        ]
        assert monthly_dates(2, 1, date(2026, 1, 14), date(2026, 2, 9)) == []

    def test_parse_names(self):
        assert parse_weekday(" Tuesday ") == 1
        assert parse_ordinal("last") == -1
        with pytest.raises(ValueError, match="unknown weekday 'Tuseday'"):
            parse_weekday("Tuseday")
        with pytest.raises(ValueError, match="unknown ordinal"):
            parse_ordinal("fifth")


class TestClockChanges:
    def test_lunchtime_stays_half_past_twelve_local_across_october_change(self):
        dates = monthly_dates(2, 1, date(2026, 9, 1), date(2026, 11, 30))
        pairs = occurrence_times(dates, time(12, 30), 60)
        utc_starts = [s.astimezone(UTC) for s, _ in pairs]
        # September and October are BST (11:30 UTC); November is GMT (12:30 UTC).
        assert utc_starts == [utc(2026, 9, 8, 11, 30), utc(2026, 10, 13, 11, 30),
                              utc(2026, 11, 10, 12, 30)]
        assert [to_basecamp(s) for s, _ in pairs] == [
            "2026-09-08T12:30:00+01:00",
            "2026-10-13T12:30:00+01:00",
            "2026-11-10T12:30:00+00:00",
        ]
        assert to_basecamp(pairs[2][1]) == "2026-11-10T13:30:00+00:00"

    def test_march_change(self):
        before = local_datetime(date(2026, 3, 28), time(12, 30))
        after = local_datetime(date(2026, 3, 30), time(12, 30))
        assert before.utcoffset() == timedelta(0)
        assert after.utcoffset() == timedelta(hours=1)

    def test_time_in_spring_gap_moves_forward(self):
        dt = local_datetime(date(2026, 3, 29), time(1, 30))
        assert (dt.hour, dt.minute) == (2, 30)
        assert dt.utcoffset() == timedelta(hours=1)
        assert dt.astimezone(UTC) == utc(2026, 3, 29, 1, 30)

    def test_ambiguous_autumn_time_takes_first(self):
        dt = local_datetime(date(2026, 10, 25), time(1, 30))
        assert dt.astimezone(UTC) == utc(2026, 10, 25, 0, 30)

    def test_event_across_change_lasts_its_minutes(self):
        ((start, end),) = occurrence_times([date(2026, 10, 25)], time(0, 30), 120)
        assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(minutes=120)
        assert end.hour == 1 and end.utcoffset() == timedelta(0)

    def test_day_before_reminder_is_nine_local_on_both_sides_of_change(self):
        # Event Monday 26 Oct (GMT); reminder Sunday 25 Oct, the day the clocks go back.
        event = local_datetime(date(2026, 10, 26), time(12, 30))
        remind = lead_time(event, 1, time(9, 0))
        assert remind.astimezone(LONDON).hour == 9
        assert remind.astimezone(UTC) == utc(2026, 10, 25, 9, 0)
        # Event Monday 30 March (BST); reminder Sunday 29 March when clocks go forward.
        event = local_datetime(date(2026, 3, 30), time(12, 30))
        remind = lead_time(event, 1, time(9, 0))
        assert remind.astimezone(UTC) == utc(2026, 3, 29, 8, 0)

    def test_naive_datetimes_are_refused(self):
        with pytest.raises(ValueError, match="offset"):
            to_basecamp(datetime(2026, 1, 1, 12))
        with pytest.raises(ValueError, match="naive"):
            PlannedPost("k", "x", utc(2026, 1, 1)).is_due(datetime(2026, 1, 2))


class TestReflectionSessions:
    def test_default_three_fortnightly_within_six_weeks(self):
        start = date(2026, 1, 12)  # a Monday
        got = reflection_dates(start)
        assert got == [date(2026, 1, 19), date(2026, 2, 2), date(2026, 2, 16)]
        assert [course_week(start, d) for d in got] == [2, 4, 6]
        assert all(d < start + timedelta(weeks=6) for d in got)

    def test_override_one_session(self):
        got = reflection_dates(date(2026, 1, 12), overrides={2: date(2026, 2, 4)})
        assert got == [date(2026, 1, 19), date(2026, 2, 4), date(2026, 2, 16)]

    def test_spacing_that_leaves_the_course_is_an_error(self):
        with pytest.raises(ValueError, match="session 3 would fall on 2026-02-23"):
            reflection_dates(date(2026, 1, 12), first_after_days=14)

    def test_course_week_boundaries(self):
        start = date(2026, 1, 12)
        assert course_week(start, start) == 1
        assert course_week(start, date(2026, 1, 18)) == 1
        assert course_week(start, date(2026, 1, 19)) == 2


class TestDuePosts:
    event = local_datetime(date(2026, 12, 8), time(12, 30))

    def plan(self) -> list[PlannedPost]:
        return [
            PlannedPost("e:announce", "announce", lead_time(self.event, 21), self.event),
            PlannedPost("e:remind", "remind", lead_time(self.event, 1), self.event),
            PlannedPost("e:followup", "followup", self.event + timedelta(hours=2)),
        ]

    def test_nothing_due_before_lead_time(self):
        assert due_posts(self.plan(), utc(2026, 11, 17, 8, 59)) == []

    def test_announcement_due_at_lead_time(self):
        assert [p.key for p in due_posts(self.plan(), utc(2026, 11, 17, 9, 0))] == ["e:announce"]

    def test_catch_up_after_downtime_posts_still_relevant_in_order(self):
        got = due_posts(self.plan(), utc(2026, 12, 7, 15, 0))
        assert [p.key for p in got] == ["e:announce", "e:remind"]

    def test_done_posts_are_not_due_again(self):
        got = due_posts(self.plan(), utc(2026, 12, 7, 15, 0), done={"e:announce"})
        assert [p.key for p in got] == ["e:remind"]

    def test_reminder_for_past_event_is_skipped(self):
        got = due_posts(self.plan(), utc(2026, 12, 8, 15, 0))
        assert [p.key for p in got] == ["e:followup"]
