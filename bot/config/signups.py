"""Sign-up rules for one sign-up thread (an event occurrence or a cohort's recruitment)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, PositiveInt, field_validator, model_validator

from bot.config.base import StrictModel


class SignupRules(StrictModel):
    """How places on one thread are given out."""

    capacity: PositiveInt
    closes_at: datetime | None = None  # aware; None = open until the event starts
    waitlist: bool = True
    boost_counts_as_join: bool = False
    # Per-organisation rules (cohorts): places held for each member organisation until the
    # reservation deadline, then released to the waitlist in reply order.
    per_org_minimum: int = Field(default=0, ge=0)
    per_org_maximum: int | None = Field(default=None, ge=1)
    reservation_deadline: datetime | None = None
    staff_contact: str | None = None  # email of the staff member questions are passed to
    # Staff's last word, by email: given a place / taken off, whatever their replies say.
    staff_add: tuple[str, ...] = ()
    staff_remove: tuple[str, ...] = ()

    @field_validator("closes_at", "reservation_deadline")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("needs a timezone, e.g. 2026-05-01T17:00:00+01:00")
        return value

    @field_validator("staff_add", "staff_remove")
    @classmethod
    def _emails(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(v.strip().lower() for v in values)
        bad = [v for v in cleaned if "@" not in v or " " in v]
        if bad:
            raise ValueError(f"not an email address: {', '.join(bad)}")
        return cleaned

    @model_validator(mode="after")
    def _consistent(self) -> SignupRules:
        if self.per_org_maximum is not None and self.per_org_maximum < self.per_org_minimum:
            raise ValueError("per_org_maximum is smaller than per_org_minimum")
        both = set(self.staff_add) & set(self.staff_remove)
        if both:
            raise ValueError(f"both added and removed: {', '.join(sorted(both))}")
        return self
