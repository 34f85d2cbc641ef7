"""Funded places (pure): whom to ask an organisation to fund, what an answer says, the spend.

The ledger (bot.core.ledger) decides who has a place and who pays for it; this module
decides which waiting people the bot should ask an organisation's confirmer about, reads
the confirmer's answer, and sums up LOTI's spend and each organisation's places for staff.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from bot.core.ledger import LOTI, Ledger, Person


def to_ask(
    ledger: Ledger,
    borough_places: int,
    confirmable: Collection[str],
    already: Collection[str],
) -> list[Person]:
    """Waiting people to ask about, in waitlist order, no more than there are places to open.

    `confirmable`: organisations with someone who can confirm; `already`: people whose
    organisation has been asked (pending or answered), who are never asked twice.
    """
    pending = [p for p in ledger.waitlist if p.who in already]
    free = borough_places - len(ledger.borough) - len(pending)
    out: list[Person] = []
    for person in ledger.waitlist:
        if free <= 0:
            break
        if person.who in already or person.org not in confirmable:
            continue
        out.append(person)
        free -= 1
    return out


def read_answer(intent: str, sure: bool) -> str:
    """'yes', 'no' or 'unsure' from the reply reader's verdict on a confirmer's answer."""
    if not sure:
        return "unsure"
    if intent == "join":
        return "yes"
    if intent in ("decline", "withdraw"):
        return "no"
    return "unsure"


@dataclass(frozen=True)
class FundingSummary:
    """LOTI's spend against its budget, places each organisation funds, and who is short."""

    loti_taken: int
    loti_places: int
    cost_per_place: int
    borough: dict[str, int]  # organisation key -> places it funds
    below_two: list[str]  # member organisation keys with fewer than two people

    @property
    def loti_spend(self) -> int:
        return self.loti_taken * self.cost_per_place

    @property
    def loti_budget(self) -> int:
        return self.loti_places * self.cost_per_place


def summary(
    ledger: Ledger,
    loti_places: int,
    cost_per_place: int,
    member_orgs: Sequence[str],
    minimum: int = 2,
) -> FundingSummary:
    """Where a cohort's funding stands now."""
    confirmed = ledger.confirmed
    borough: dict[str, int] = {}
    for p in confirmed:
        if p.funded_by and p.funded_by != LOTI:
            borough[p.funded_by] = borough.get(p.funded_by, 0) + 1
    per_org: Mapping[str | None, int] = {
        o: sum(1 for p in confirmed if p.org == o) for o in member_orgs
    }
    return FundingSummary(
        loti_taken=sum(1 for p in confirmed if p.funded_by == LOTI),
        loti_places=loti_places,
        cost_per_place=cost_per_place,
        borough=dict(sorted(borough.items())),
        below_two=[o for o in member_orgs if per_org[o] < minimum],
    )
