"""Europe/London dates: recurrences, reflection-session dates, and which posts are due now.

Pure: `now` and plain data come in, dates and decisions go out. Lead times are counted in
calendar days in local time (not 24-hour blocks), so "the day before at 9am" stays 9am across
the BST/GMT changes on the last Sundays of March and October.
"""

from __future__ import annotations

import calendar as _cal
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}


def local_datetime(d: date, t: time, tz: ZoneInfo = LONDON) -> datetime:
    """An aware datetime for wall-clock `t` on `d`, moving past a spring-forward gap."""
    naive = datetime.combine(d, t.replace(tzinfo=None))
    aware = naive.replace(tzinfo=tz, fold=0)
    # A time inside the March gap (01:00-02:00) does not exist: it round-trips to another
    # wall-clock time. Take the instant it names with the pre-change offset (so 01:30 -> 02:30 BST).
    round_trip = aware.astimezone(UTC).astimezone(tz)
    if round_trip.replace(tzinfo=None) != naive:
        return round_trip
    return aware


def to_basecamp(dt: datetime) -> str:
    """ISO-8601 with the local offset, as Basecamp wants for schedule entries."""
    if dt.tzinfo is None:
        raise ValueError("naive datetime: Basecamp needs an explicit offset")
    return dt.isoformat(timespec="seconds")


def to_local(dt: datetime, tz: ZoneInfo = LONDON) -> datetime:
    """The same instant on the London clock."""
    if dt.tzinfo is None:
        raise ValueError("naive datetime: pass an aware one")
    return dt.astimezone(tz)


def nth_weekday(year: int, month: int, ordinal: int, weekday: int) -> date | None:
    """The `ordinal`-th (1..5, or -1 for last) `weekday` (0=Monday) of a month, or None."""
    days = [
        date(year, month, day)
        for day in range(1, _cal.monthrange(year, month)[1] + 1)
        if date(year, month, day).weekday() == weekday
    ]
    if ordinal == -1:
        return days[-1]
    if 1 <= ordinal <= len(days):
        return days[ordinal - 1]
    return None


def _months(start: date, end: date) -> Iterable[tuple[int, int]]:
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def monthly_dates(ordinal: int, weekday: int, start: date, end: date) -> list[date]:
    """Dates of e.g. the second Tuesday of each month, from `start` to `end` inclusive."""
    found = (nth_weekday(y, m, ordinal, weekday) for y, m in _months(start, end))
    return [d for d in found if d is not None and start <= d <= end]


def occurrence_times(
    dates: Sequence[date], at: time, minutes: int, tz: ZoneInfo = LONDON
) -> list[tuple[datetime, datetime]]:
    """(start, end) aware pairs for each date at local time `at`, lasting `minutes`."""
    pairs = []
    for d in dates:
        starts = local_datetime(d, at, tz)
        # Add the length in UTC so an event spanning a clock change still lasts `minutes`.
        ends = (starts.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(tz)
        pairs.append((starts, ends))
    return pairs


def reflection_dates(
    course_start: date,
    *,
    count: int = 3,
    weeks: int = 6,
    first_after_days: int = 7,
    every_days: int = 14,
    overrides: dict[int, date] | None = None,
) -> list[date]:
    """Session dates: fortnightly from `first_after_days` into the course; `overrides` by number."""
    overrides = overrides or {}
    course_end = course_start + timedelta(weeks=weeks)
    dates = []
    for n in range(1, count + 1):
        d = overrides.get(n, course_start + timedelta(days=first_after_days + every_days * (n - 1)))
        if n not in overrides and not course_start <= d < course_end:
            raise ValueError(
                f"session {n} would fall on {d}, outside the {weeks}-week course; "
                "give it a date or change the spacing"
            )
        dates.append(d)
    return dates


def course_week(course_start: date, d: date) -> int:
    """Week number of the course (1-based) that `d` falls in."""
    return (d - course_start).days // 7 + 1


def lead_time(
    event_start: datetime, days_before: int, at: time = time(9, 0), tz: ZoneInfo = LONDON
) -> datetime:
    """`days_before` calendar days before the event's local date, at local time `at`."""
    local_day = to_local(event_start, tz).date() - timedelta(days=days_before)
    return local_datetime(local_day, at, tz)


@dataclass(frozen=True)
class PlannedPost:
    """A post the bot should make once: due from `due_at`, pointless from `expires_at` on."""

    key: str
    kind: str
    due_at: datetime
    expires_at: datetime | None = None

    def is_due(self, now: datetime) -> bool:
        """Due now: its time has come and it still matters."""
        if now.tzinfo is None:
            raise ValueError("naive `now`: pass an aware datetime")
        if now < self.due_at:
            return False
        return self.expires_at is None or now < self.expires_at


def due_posts(
    planned: Iterable[PlannedPost], now: datetime, done: Iterable[str] = ()
) -> list[PlannedPost]:
    """Posts due at `now` and not yet done, oldest first (catch-up after downtime included)."""
    skip = set(done)
    due = [p for p in planned if p.key not in skip and p.is_due(now)]
    return sorted(due, key=lambda p: (p.due_at, p.key))


def parse_weekday(name: str) -> int:
    """'Tuesday' -> 1; raises ValueError with the accepted names."""
    try:
        return WEEKDAYS.index(name.strip().lower())
    except ValueError:
        raise ValueError(f"unknown weekday {name!r}; use one of {', '.join(WEEKDAYS)}") from None


def parse_ordinal(name: str) -> int:
    """'second' -> 2, 'last' -> -1."""
    try:
        return ORDINALS[name.strip().lower()]
    except KeyError:
        raise ValueError(f"unknown ordinal {name!r}; use one of {', '.join(ORDINALS)}") from None
