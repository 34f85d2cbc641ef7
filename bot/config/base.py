"""Shared pieces of the staff-edited config models."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict


class StrictModel(BaseModel):
    """A config model that rejects unknown keys: a typo in YAML is an error, not a no-op."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# Staff write times and dates as text. Pydantic would quietly read a number as seconds since
# midnight or since 1970, so a number here is a mistake we name, never a value we convert.
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*$")
_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DATETIME = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2})[ T](\d{1,2}[:.]\d{2}(?::\d{2})?)\s*$")


def _clock_time(value: Any) -> Any:
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        match = _TIME.match(value)
        if match:
            hour, minute, second = (int(g or 0) for g in match.groups())
            if hour < 24 and minute < 60 and second < 60:
                return time(hour, minute, second)
        raise ValueError(f'{value!r} is not a time: write it like "12:30" (24-hour clock)')
    raise ValueError('a time in quotes, like "12:30" (without quotes YAML reads it as a number)')


def _calendar_date(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        match = _DATE.match(value)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                raise ValueError(f"{value.strip()} is not a real date (check the day and month)")\
                    from None
    raise ValueError(f"{value!r} is not a date: write it like 2027-06-17 (year-month-day)")


def _local_datetime(value: Any) -> Any:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        match = _DATETIME.match(value)
        if match:
            day, clock = match.groups()
            return datetime.combine(_calendar_date(day), _clock_time(clock))
        if "+" in value or value.rstrip().endswith("Z"):  # an explicit offset: let pydantic read it
            return value
    raise ValueError(f"{value!r} is not a date and time: write it like 2027-01-11 09:00")


ClockTime = Annotated[time, BeforeValidator(_clock_time)]
CalendarDate = Annotated[date, BeforeValidator(_calendar_date)]
LocalDateTime = Annotated[datetime, BeforeValidator(_local_datetime)]
