"""Funded places on a cohort (the `funding:` section of a cohort in config/cohorts.yaml)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, PositiveInt, field_validator

from bot.config.base import StrictModel

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


def _email(value: str) -> str:
    if not _EMAIL.match(value.strip()):
        raise ValueError(f"{value!r} does not look like an email address")
    return value.strip().lower()


Email = Annotated[str, AfterValidator(_email)]


class Confirmer(StrictModel):
    """Who may say yes to an organisation funding a place: a named budget holder."""

    organisation: str = Field(min_length=1)  # the organisation's key in network.yaml
    email: Email


class CohortFunding(StrictModel):
    """Who pays for places: LOTI funds `loti_places`; organisations may fund more.

    The cohort's `capacity` is the course's seats; seats beyond `loti_places` open only
    when an organisation's confirmer agrees to fund a waiting colleague.
    """

    loti_places: PositiveInt
    cost_per_place: PositiveInt = 590  # pounds
    # first_place_then_reply_order: LOTI funds each member organisation's first place
    # (held until the reservation deadline), then its remaining places in reply order.
    rule: Literal["first_place_then_reply_order", "reply_order"] = "first_place_then_reply_order"
    # By default an organisation's champion confirms; list budget holders to override.
    confirmers: tuple[Confirmer, ...] = ()
    ask_organisations: bool = True  # ask confirmers in Basecamp when someone is waiting

    @field_validator("confirmers")
    @classmethod
    def _one_each(cls, value: tuple[Confirmer, ...]) -> tuple[Confirmer, ...]:
        orgs = [c.organisation for c in value]
        if len(orgs) != len(set(orgs)):
            raise ValueError("each organisation may have only one confirmer")
        return value

    @property
    def budget(self) -> int:
        """LOTI's budget for the cohort, in pounds."""
        return self.loti_places * self.cost_per_place
