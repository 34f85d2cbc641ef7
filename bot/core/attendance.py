"""Attendance (pure): when to ask "did you come?", and who counts as having come.

After an occurrence the bot comments on its announcement thread asking those who came to
boost the comment. Attendance is the distinct people who boosted it (never the bot), plus
anyone staff marked by hand. The boosts are read for a bounded window after the event.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.calendar import PlannedPost, local_datetime, to_local

CALL_SUFFIX = ":attendance-call"
READ_DAYS = 14  # boosts are read this many days after the event, then the count is final
# The planner runs every minute: an hourly read keeps the count fresh for the monthly digest
# at a fraction of the requests.
READ_EVERY = timedelta(hours=1)


def call_key(event_key: str) -> str:
    """The outbox key of an occurrence's attendance call."""
    return f"{event_key}{CALL_SUFFIX}"


def call_due(starts_at: datetime, days_after: int, at: time, tz: ZoneInfo) -> datetime:
    """`days_after` calendar days after the event's local date, at local time `at`."""
    return local_datetime(to_local(starts_at, tz).date() + timedelta(days=days_after), at, tz)


def call_plan(event_key: str, starts_at: datetime, ends_at: datetime, days_after: int,
              at: time, tz: ZoneInfo) -> PlannedPost:
    """The thank-you-and-boost call: due after the event, pointless a day after it was due.

    Never before the event has ended (a `days_after` of 0 with an evening event waits).
    A late start past the expiry skips it and staff are told once (calendar.catch_up).
    """
    due = max(call_due(starts_at, days_after, at, tz), ends_at)
    return PlannedPost(call_key(event_key), "attendance_call", due, due + timedelta(days=1))


def reading_open(event_end: datetime, now: datetime, days: int = READ_DAYS) -> bool:
    """Boosts on the call are still worth reading: within `days` of the event."""
    return now < event_end + timedelta(days=days)


def read_due(read_at: datetime | None, now: datetime, every: timedelta = READ_EVERY) -> bool:
    """Time to read a call's boosts again: never read yet, or not for `every`."""
    return read_at is None or now - read_at >= every


def attendees(booster_ids: Iterable[int | None], bot_id: int) -> set[int]:
    """Distinct people who boosted the call: the bot's own boosts and repeats ignored."""
    return {b for b in booster_ids if b is not None and b != bot_id}


@dataclass(frozen=True)
class Attendance:
    """What the digest says about one occurrence's attendance."""

    recorded: bool  # a call went out, or staff marked someone
    attended: int
