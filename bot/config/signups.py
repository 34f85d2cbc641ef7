"""Sign-up rules for one sign-up thread (an event occurrence or a cohort's recruitment)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, PositiveInt

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
