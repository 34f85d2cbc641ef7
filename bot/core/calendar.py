"""Europe/London dates: recurrences, reflection-session dates, and which posts are due now.

Pure: `now` and plain data come in, dates and decisions go out. Lead times are counted in
calendar days in local time (not 24-hour blocks), so "the day before at 9am" stays 9am across
the BST/GMT changes on the last Sundays of March and October.
"""

from __future__ import annotations

import calendar as _cal
from collections.abc import Iterable, Mapping, Sequence
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
    """A post the bot should make once: due from `due_at`, pointless from `expires_at` on.

    `follows` names the post this one follows up (a "places left" nudge follows its
    announcement): it only makes sense a while after that one went out.
    """

    key: str
    kind: str
    due_at: datetime
    expires_at: datetime | None = None
    follows: str | None = None

    def is_due(self, now: datetime) -> bool:
        """Due now: its time has come and it still matters."""
        if now.tzinfo is None:
            raise ValueError("naive `now`: pass an aware datetime")
        if now < self.due_at:
            return False
        return self.expires_at is None or now < self.expires_at


@dataclass(frozen=True)
class CatchUp:
    """What to post now, and what to skip because its moment has clearly passed."""

    due: list[PlannedPost]
    missed: list[PlannedPost]  # skip these and tell staff once


def catch_up(
    planned: Iterable[PlannedPost], now: datetime,
    done: Iterable[str] | Mapping[str, datetime | None] = (),
) -> CatchUp:
    """Split what is owed at `now` (e.g. after a late start) into due and missed, oldest first.

    Missed: a post that expired before it went out (a mentoring call on matching day), and a
    follow-up whose first post goes out in this same pass or went out less than half the
    planned gap ago (an announcement and its "places left" nudge in the same minute).
    `done` holds finished keys, with when they finished where known.
    """
    if now.tzinfo is None:
        raise ValueError("naive `now`: pass an aware datetime")
    posts = list(planned)
    finished = done if isinstance(done, Mapping) else dict.fromkeys(done)
    by_key = {p.key: p for p in posts}
    due: list[PlannedPost] = []
    missed: list[PlannedPost] = []
    for post in posts:
        if post.key in finished or now < post.due_at:
            continue
        expired = post.expires_at is not None and now >= post.expires_at
        if expired or _too_soon_after(post, by_key.get(post.follows or ""), finished, now):
            missed.append(post)
        else:
            due.append(post)
    order = lambda p: (p.due_at, p.key)  # noqa: E731
    return CatchUp(sorted(due, key=order), sorted(missed, key=order))


def _too_soon_after(post: PlannedPost, first: PlannedPost | None,
                    finished: Mapping[str, datetime | None], now: datetime) -> bool:
    if first is None:
        return False
    if first.key not in finished:
        return now >= first.due_at  # the first post is owed too: it goes out now, or never
    went_out = finished[first.key]
    if went_out is None:
        return False  # finished, time unknown: trust the plan
    return now - went_out < (post.due_at - first.due_at) / 2


def due_posts(
    planned: Iterable[PlannedPost], now: datetime,
    done: Iterable[str] | Mapping[str, datetime | None] = (),
) -> list[PlannedPost]:
    """Posts due at `now` and not yet done, oldest first (catch-up after downtime included)."""
    return catch_up(planned, now, done).due


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
