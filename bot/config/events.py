"""Event series config (config/events.yaml): online and in-person network events."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import Field, PositiveInt, field_validator, model_validator

from bot.config.base import CalendarDate, ClockTime, StrictModel
from bot.core.calendar import (
    LONDON,
    monthly_dates,
    occurrence_times,
    parse_ordinal,
    parse_weekday,
)

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def check_key(value: str) -> str:
    """Keys appear in outbox keys and URLs: lower-case letters, digits and hyphens only."""
    if not KEY_PATTERN.match(value):
        raise ValueError("use lower-case letters, digits and hyphens only, e.g. 'lunch-and-learn'")
    return value


class MonthlyRecurrence(StrictModel):
    """E.g. the second Tuesday of each month, from one date (and optionally until another)."""

    ordinal: str  # first, second, third, fourth, last
    weekday: str  # monday .. sunday
    starts: CalendarDate
    until: CalendarDate | None = None

    @field_validator("ordinal")
    @classmethod
    def _ordinal(cls, value: str) -> str:
        parse_ordinal(value)
        return value.lower()

    @field_validator("weekday")
    @classmethod
    def _weekday(cls, value: str) -> str:
        parse_weekday(value)
        return value.lower()

    def dates(self, start: date, end: date) -> list[date]:
        """The occurrence dates between `start` and `end`, inside this rule's own bounds."""
        lo = max(start, self.starts)
        hi = min(end, self.until) if self.until else end
        if lo > hi:
            return []
        return monthly_dates(parse_ordinal(self.ordinal), parse_weekday(self.weekday), lo, hi)


class OccurrenceChange(StrictModel):
    """A change to one occurrence: cancelled, or moved to another time."""

    day: CalendarDate  # (not `on`: YAML reads a bare `on` as true)
    cancelled: bool = False
    reason: str | None = None
    at: ClockTime | None = None  # a different start time for this one occurrence


class LeadTimes(StrictModel):
    """How many days before an occurrence each post goes out (at `post_time`, London time)."""

    announce_days: int = Field(default=21, ge=0)
    remind_days: int = Field(default=1, ge=0)
    close_days: int = Field(default=0, ge=0)  # sign-ups close this many days before (0 = at start)
    places_left_days: int | None = Field(default=None, ge=0)  # None = no "places left" nudge
    post_time: ClockTime = time(9, 0)
    # Thank-you and "boost if you came" call this many days after (None = no call).
    attendance_days: int | None = Field(default=1, ge=0)

    @model_validator(mode="after")
    def _order(self) -> LeadTimes:
        if self.remind_days > self.announce_days:
            raise ValueError("remind_days must not be more than announce_days")
        if self.places_left_days is not None and self.places_left_days > self.announce_days:
            raise ValueError("places_left_days must not be more than announce_days")
        # Posts stop mattering once sign-ups close: these would never go out.
        if self.close_days and self.close_days >= self.announce_days:
            raise ValueError("close_days must be fewer than announce_days")
        if (self.close_days and self.places_left_days is not None
                and self.places_left_days <= self.close_days):
            raise ValueError("places_left_days must be more than close_days")
        return self


class Unconference(StrictModel):
    """Members propose topics by replying; boosts are votes; the top topics make the agenda."""

    call_days: int = Field(default=14, ge=1)
    agenda_days: int = Field(default=2, ge=0)
    top: PositiveInt = 5

    @model_validator(mode="after")
    def _order(self) -> Unconference:
        if self.agenda_days >= self.call_days:
            raise ValueError("agenda_days must be fewer than call_days")
        return self


class EventSeries(StrictModel):
    """One series of network events (online or in person)."""

    key: str
    title: str
    description: str = ""
    format: Literal["online", "in_person"] = "online"
    link: str | None = None
    venue: str | None = None
    at: ClockTime = time(12, 30)  # start time, London
    minutes: PositiveInt = 60
    recurrence: MonthlyRecurrence | None = None
    dates: tuple[CalendarDate, ...] = ()
    capacity: PositiveInt = 40
    waitlist: bool = True
    leads: LeadTimes = LeadTimes()
    unconference: Unconference | None = None
    changes: tuple[OccurrenceChange, ...] = ()
    announcement_template: str = "event_announcement"

    @field_validator("key")
    @classmethod
    def _key(cls, value: str) -> str:
        return check_key(value)

    @field_validator("link")
    @classmethod
    def _link(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("link must start with https://")
        return value

    @model_validator(mode="after")
    def _shape(self) -> EventSeries:
        if (self.recurrence is None) == (not self.dates):
            raise ValueError("give either a recurrence or a list of dates (exactly one)")
        if self.format == "online" and not self.link:
            raise ValueError("an online series needs a link")
        if self.format == "in_person" and not self.venue:
            raise ValueError("an in-person series needs a venue")
        known = set(self.dates) if self.dates else None
        for change in self.changes:
            in_rule = (
                change.day in known
                if known is not None
                else bool(self.recurrence and self.recurrence.dates(change.day, change.day))
            )
            if not in_rule:
                raise ValueError(f"change for {change.day} is not one of this series' dates")
        return self

    def occurrences(
        self, start: date, end: date, tz: ZoneInfo = LONDON
    ) -> list[Occurrence]:
        """Occurrences whose local date is between `start` and `end`, with changes applied."""
        if self.recurrence is not None:
            days = self.recurrence.dates(start, end)
        else:
            days = sorted(d for d in self.dates if start <= d <= end)
        changes = {c.day: c for c in self.changes}
        found = []
        for day in days:
            change = changes.get(day)
            at = change.at if change and change.at else self.at
            ((starts, ends),) = occurrence_times([day], at, self.minutes, tz)
            found.append(
                Occurrence(
                    series=self,
                    day=day,
                    starts_at=starts,
                    ends_at=ends,
                    cancelled=bool(change and change.cancelled),
                    reason=change.reason if change else None,
                )
            )
        return found


@dataclass(frozen=True)
class Occurrence:
    """One dated occurrence of a series."""

    series: EventSeries
    day: date
    starts_at: datetime
    ends_at: datetime
    cancelled: bool = False
    reason: str | None = None

    @property
    def key(self) -> str:
        """The business key: `event:<series>:<YYYY-MM-DD>`."""
        return f"event:{self.series.key}:{self.day.isoformat()}"
