"""Cohort config (config/cohorts.yaml): the course, its recruitment and reflection sessions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, Field, PositiveInt, field_validator, model_validator

from bot.config.base import CalendarDate, ClockTime, StrictModel
from bot.config.events import check_key
from bot.config.funding import CohortFunding
from bot.core.calendar import LONDON, course_week, occurrence_times, reflection_dates

TOOLS = ("message_board", "schedule", "chat", "questionnaire", "todoset", "vault")
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


def _email(value: str) -> str:
    if not _EMAIL.match(value.strip()):
        raise ValueError(f"{value!r} does not look like an email address")
    return value.strip().lower()


# A plain check is enough here: Basecamp is the judge of real addresses.
Email = Annotated[str, AfterValidator(_email)]

DEFAULT_PROMPTS = (
    "What has stayed with you from the course so far?",
    "What have you tried at work, and how did it go?",
    "What would you like support with next?",
)


class PersonRef(StrictModel):
    """Someone the bot adds to a project: found by email, or created with these details."""

    name: str
    email: Email
    title: str | None = None
    organisation: str | None = None


class ReflectionSession(StrictModel):
    """Overrides for one reflection session (by number); anything left out uses the defaults."""

    number: PositiveInt
    day: CalendarDate | None = None
    at: ClockTime | None = None
    minutes: PositiveInt | None = None
    link: str | None = None
    venue: str | None = None
    prompts: tuple[str, ...] = ()


class Reflection(StrictModel):
    """Reflection sessions: by default three, fortnightly, during the course."""

    count: int = Field(default=3, ge=0, le=6)
    first_after_days: int = Field(default=7, ge=0)
    every_days: int = Field(default=14, ge=1)
    at: ClockTime = time(12, 30)
    minutes: PositiveInt = 60
    link: str | None = None
    venue: str | None = None
    prompts: tuple[str, ...] = DEFAULT_PROMPTS
    agenda_template: str = "reflection_agenda"
    agenda_days_before: int = Field(default=3, ge=0)
    reminder_via: Literal["mentions", "campfire"] = "mentions"
    follow_up_minutes_after: int = Field(default=30, ge=0)
    sessions: tuple[ReflectionSession, ...] = ()

    @model_validator(mode="after")
    def _where(self) -> Reflection:
        numbers = [s.number for s in self.sessions]
        if len(numbers) != len(set(numbers)):
            raise ValueError("each session number may appear only once under sessions")
        if any(n > self.count for n in numbers):
            raise ValueError(f"session numbers go from 1 to count ({self.count})")
        for n in range(1, self.count + 1):
            s = self.override(n)
            if not (self.link or self.venue or (s and (s.link or s.venue))):
                raise ValueError(f"session {n} needs a link or a venue")
        return self

    def override(self, number: int) -> ReflectionSession | None:
        """The override for session `number`, if any."""
        return next((s for s in self.sessions if s.number == number), None)


class CheckIn(StrictModel):
    """An automatic check-in question in the cohort project, paused when the course ends."""

    title: str = "What have you tried from the course this fortnight?"
    frequency: Literal["every_week", "every_other_week", "every_month"] = "every_other_week"
    weekday: Literal[
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
    ] = "friday"
    time_of_day: ClockTime = time(16, 0)


class Recruitment(StrictModel):
    """When recruitment is announced in the network project, nudged, and closed."""

    announce_on: CalendarDate
    # places are held for each organisation until the end of this day
    reservation_deadline: CalendarDate
    closes_on: CalendarDate
    nudges: tuple[CalendarDate, ...] = ()
    post_time: ClockTime = time(9, 0)
    # A staff-only Basecamp project (by name) for the coverage summary sent with each nudge.
    staff_project: str | None = None

    @model_validator(mode="after")
    def _order(self) -> Recruitment:
        if not self.announce_on <= self.reservation_deadline <= self.closes_on:
            raise ValueError("need announce_on <= reservation_deadline <= closes_on")
        for nudge in self.nudges:
            if not self.announce_on < nudge <= self.reservation_deadline:
                raise ValueError(
                    f"nudge on {nudge} must be after announce_on and by the reservation deadline"
                )
        return self


class Cohort(StrictModel):
    """One cohort of the six-week confidence course."""

    key: str
    name: str
    description: str = ""
    course_start: CalendarDate
    weeks: PositiveInt = 6
    capacity: PositiveInt = 40
    per_org_minimum: int = Field(default=2, ge=0)
    per_org_maximum: int | None = Field(default=4, ge=1)
    recruitment: Recruitment | None = None
    template: str | None = None  # Basecamp template name to build the project from
    tools: tuple[str, ...] = ("message_board", "schedule", "chat")
    facilitators: tuple[PersonRef, ...] = ()
    staff: tuple[Email, ...] = ()
    participants_from: Literal["recruitment", "list"] = "recruitment"
    participants: tuple[PersonRef, ...] = ()
    setup_days_before: int = Field(default=7, ge=0)
    welcome_template: str = "cohort_welcome"
    reflection: Reflection
    check_in: CheckIn | None = None
    funding: CohortFunding | None = None  # who pays for places (issue 13)
    join_network: bool = True  # at the end, welcome participants into the network project

    @field_validator("key")
    @classmethod
    def _key(cls, value: str) -> str:
        return check_key(value)

    @field_validator("tools")
    @classmethod
    def _tools(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [t for t in value if t not in TOOLS]
        if unknown:
            raise ValueError(f"unknown tool(s) {unknown}; use any of {', '.join(TOOLS)}")
        return value

    @model_validator(mode="after")
    def _shape(self) -> Cohort:
        if self.participants_from == "recruitment" and self.recruitment is None:
            raise ValueError("participants_from: recruitment needs a recruitment section")
        if self.participants_from == "list" and not self.participants:
            raise ValueError("participants_from: list needs a participants list")
        if self.per_org_maximum is not None and self.per_org_maximum < self.per_org_minimum:
            raise ValueError("per_org_maximum must be at least per_org_minimum")
        if self.recruitment and self.recruitment.closes_on >= self.setup_on:
            raise ValueError(
                f"recruitment must close before the project is set up on {self.setup_on}"
            )
        if self.funding and self.funding.loti_places > self.capacity:
            raise ValueError(
                f"funding.loti_places ({self.funding.loti_places}) is more than capacity "
                f"({self.capacity}), the course's seats"
            )
        if self.check_in and "questionnaire" not in self.tools and self.template is None:
            raise ValueError("check_in needs the questionnaire tool in tools")
        if self.reflection.count:
            self.sessions()  # raises a clear error if a session falls outside the course
        return self

    @property
    def course_end(self) -> date:
        """The first day after the course."""
        return self.course_start + timedelta(weeks=self.weeks)

    @property
    def setup_on(self) -> date:
        """The day the project is built and participants are invited."""
        return self.course_start - timedelta(days=self.setup_days_before)

    def sessions(self, tz: ZoneInfo = LONDON) -> list[SessionPlan]:
        """Every reflection session with its overrides applied."""
        r = self.reflection
        overrides = {s.number: s.day for s in r.sessions if s.day}
        days = reflection_dates(
            self.course_start,
            count=r.count,
            weeks=self.weeks,
            first_after_days=r.first_after_days,
            every_days=r.every_days,
            overrides=overrides,
        )
        plans = []
        for number, day in enumerate(days, start=1):
            o = r.override(number)
            at = (o.at if o else None) or r.at
            minutes = (o.minutes if o else None) or r.minutes
            ((starts, ends),) = occurrence_times([day], at, minutes, tz)
            plans.append(
                SessionPlan(
                    number=number,
                    day=day,
                    starts_at=starts,
                    ends_at=ends,
                    week=course_week(self.course_start, day),
                    link=(o.link if o else None) or r.link,
                    venue=(o.venue if o else None) or r.venue,
                    prompts=(o.prompts if o and o.prompts else r.prompts),
                )
            )
        return plans


@dataclass(frozen=True)
class SessionPlan:
    """One reflection session, dated."""

    number: int
    day: date
    starts_at: datetime
    ends_at: datetime
    week: int
    link: str | None
    venue: str | None
    prompts: tuple[str, ...]
