"""The ideas call (config/ideas.yaml): when members are asked what LOTI should work on next."""

from __future__ import annotations

from datetime import date, time, timedelta

from pydantic import Field, PositiveInt, model_validator

from bot.config.base import StrictModel
from bot.config.funding import Email


class IdeasConfig(StrictModel):
    """Calls every `every_months` from `first_call` (until `until`), digests after each call."""

    first_call: date
    every_months: PositiveInt = 3  # quarterly
    until: date | None = None
    post_time: time = time(9, 0)
    template: str = "ideas_call"
    staff_project: str = Field(min_length=1)  # where the ranked digest goes
    staff: tuple[Email, ...] = ()  # who may take ideas up (default: every network staff member)
    staff_digest_after_days: int = Field(default=14, ge=1)
    network_summary_after_days: int = Field(default=14, ge=1)
    top: PositiveInt = 10  # ideas listed in the network summary

    @model_validator(mode="after")
    def _order(self) -> IdeasConfig:
        if self.until is not None and self.until < self.first_call:
            raise ValueError("until is before first_call")
        return self

    def call_dates(self, start: date, end: date) -> list[date]:
        """Call dates between `start` and `end` (inclusive)."""
        out, n = [], 0
        while True:
            month = self.first_call.month - 1 + n * self.every_months
            year = self.first_call.year + month // 12
            day = min(self.first_call.day, 28)  # every month has a 28th
            d = date(year, month % 12 + 1, day)
            if d > end or (self.until is not None and d > self.until):
                return out
            if d >= start:
                out.append(d)
            n += 1

    def lasts(self) -> timedelta:
        """How long a call's round stays open (until the later digest)."""
        return timedelta(days=max(self.staff_digest_after_days, self.network_summary_after_days))


class IdeasFile(StrictModel):
    """ideas.yaml: an `ideas:` mapping (optional file)."""

    ideas: IdeasConfig | None = None
