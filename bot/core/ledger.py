"""The sign-up ledger: who has a place, who waits, and what each reply did (pure).

The ledger is recomputed from scratch from every current reply, in reply order, each time
anything changes. That makes edits and trashed replies simple (re-read, recompute) and the
result deterministic: the same replies and the same ``now`` always give the same list.

Rules: capacity; one place per person; a waitlist in reply order with automatic promotion
when a place frees up; places held for each member organisation until the reservation
deadline, then released to the waitlist in reply order; an optional maximum per
organisation; a closing time after which joins get no place; staff adds and removals.

Funding (optional, for cohorts): the capacity is then the places LOTI funds, and a
"borough" entry (an organisation's confirmer said yes) gives a waiting member of that
organisation one of the extra, borough-funded places; each confirmed person's `funded_by`
says who pays ("loti" or the organisation's key).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

HOLDS_PLACE = ("confirmed", "waitlisted")


class RulesLike(Protocol):
    """What the ledger needs from bot.config.signups.SignupRules."""

    capacity: int
    closes_at: datetime | None
    waitlist: bool
    per_org_minimum: int
    per_org_maximum: int | None
    reservation_deadline: datetime | None


@dataclass(frozen=True)
class Entry:
    """One reply (or boost, or staff action) as the ledger sees it."""

    ref: str  # unique id of the reply, e.g. "comment:123", "boost:9", "staff:4"
    who: str  # the person it is about, e.g. "person:42" or "email:sam@x.gov.uk"
    at: datetime
    intent: str  # join | decline | withdraw | maybe | question | other | add | remove | borough
    org: str | None = None  # member organisation key, company name, or None if unknown
    staff: bool = False  # staff adds ignore capacity and closing; staff removals always apply


@dataclass
class Person:
    """Where one person stands."""

    who: str
    org: str | None
    status: str  # confirmed | waitlisted | withdrawn | declined | maybe | question
    position: int | None = None  # 1-based waitlist position
    ref: str = ""  # the entry that last changed their status
    at: datetime | None = None
    promoted_from: str | None = None  # the join entry, if they got their place off the waitlist
    place_ref: str | None = None  # the join entry that holds their place or waitlist spot
    funded_by: str | None = None  # "loti" or an organisation key (only when funding is on)


@dataclass(frozen=True)
class Outcome:
    """What one entry did, for its acknowledgement."""

    # confirmed | waitlisted | full | closed | declined | withdrawn | maybe | question | noted
    kind: str
    position: int | None = None


@dataclass(frozen=True)
class Funding:
    """Places beyond LOTI's that organisations may fund, one agreed person at a time."""

    borough_places: int  # the course's seats minus the places LOTI funds


LOTI = "loti"


@dataclass
class Ledger:
    """The result: people, each entry's outcome, and the live places line."""

    capacity: int
    people: dict[str, Person] = field(default_factory=dict)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    closed: bool = False
    borough: dict[str, str] = field(default_factory=dict)  # who -> organisation paying

    @property
    def confirmed(self) -> list[Person]:
        """People with a place, in the order they got it."""
        return [p for p in self.people.values() if p.status == "confirmed"]

    @property
    def waitlist(self) -> list[Person]:
        """People waiting, in waitlist order."""
        return sorted(
            (p for p in self.people.values() if p.status == "waitlisted"),
            key=lambda p: p.position or 0,
        )

    def line(self) -> str:
        """The live line for the announcement, e.g. "12 of 40 places taken · 3 on the waitlist"."""
        taken = len(self.confirmed)
        text = f"{taken} of {self.capacity + len(self.borough)} places taken"
        if self.waitlist:
            text += f" · {len(self.waitlist)} on the waitlist"
        if self.closed:
            text += " · sign-ups have closed"
        return text


class _Replay:
    def __init__(
        self, rules: RulesLike, member_orgs: Sequence[str], funding: Funding | None = None
    ) -> None:
        self.rules = rules
        self.funding = funding
        self.member_orgs = tuple(member_orgs)
        self.ledger = Ledger(capacity=rules.capacity)
        self.order: list[str] = []  # confirmed, in order
        self.counts: dict[str | None, int] = {}  # confirmed per organisation
        self.queue: list[str] = []  # waitlisted, in order
        self.joined_by: dict[str, str] = {}  # who -> ref of the join that holds their place
        self.reserving = rules.per_org_minimum > 0 and bool(self.member_orgs)

    # ---- counting -------------------------------------------------------------------
    def _count(self, org: str | None) -> int:
        return self.counts.get(org, 0)

    def _confirm(self, who: str) -> None:
        self.order.append(who)
        org = self.ledger.people[who].org
        self.counts[org] = self.counts.get(org, 0) + 1

    def _outstanding(self, exclude: str | None) -> int:
        if not self.reserving:
            return 0
        return sum(
            max(0, self.rules.per_org_minimum - self._count(o))
            for o in self.member_orgs
            if o != exclude
        )

    def can_confirm(self, org: str | None) -> bool:
        """Whether a place is free for someone from `org` right now."""
        if len(self.order) >= self.rules.capacity:
            return False
        maximum = self.rules.per_org_maximum
        if maximum is not None and org is not None and self._count(org) >= maximum:
            return False
        own_reserved = (
            self.reserving
            and org in self.member_orgs
            and self._count(org) < self.rules.per_org_minimum
        )
        if own_reserved:
            return True
        return self.rules.capacity - len(self.order) - self._outstanding(exclude=None) > 0

    # ---- changes --------------------------------------------------------------------
    def _set(self, who: str, org: str | None, status: str, ref: str, at: datetime) -> Person:
        person = self.ledger.people.get(who)
        if person is None:
            person = self.ledger.people[who] = Person(who, org, status, ref=ref, at=at)
        person.org, person.status, person.ref, person.at = org, status, ref, at
        return person

    def _renumber(self) -> None:
        for i, who in enumerate(self.queue, start=1):
            self.ledger.people[who].position = i

    def _release(self, who: str) -> None:
        # A borough-funded place is the organisation's money: giving it up frees no LOTI place.
        self.ledger.borough.pop(who, None)
        self.ledger.people[who].funded_by = None
        if who in self.order:
            self.order.remove(who)
            org = self.ledger.people[who].org
            self.counts[org] = self.counts.get(org, 0) - 1
        if who in self.queue:
            self.queue.remove(who)
        self.ledger.people[who].position = None
        self.ledger.people[who].place_ref = None
        self.joined_by.pop(who, None)
        self._renumber()

    def promote(self) -> None:
        """Give free places to the waitlist in order (skipping those their org can't take)."""
        changed = len(self.order) < self.rules.capacity
        while changed:
            changed = False
            for who in list(self.queue):
                person = self.ledger.people[who]
                if self.can_confirm(person.org):
                    self.queue.remove(who)
                    self._confirm(who)
                    person.status, person.position = "confirmed", None
                    person.promoted_from = self.joined_by.get(who)
                    changed = True
                    break
        self._renumber()

    def apply(self, e: Entry) -> Outcome:
        person = self.ledger.people.get(e.who)
        holds = person is not None and person.status in HOLDS_PLACE
        if e.intent in ("join", "add"):
            return self._join(e, person, holds)
        if e.intent == "borough":
            return self._borough(e, person)
        if e.intent in ("decline", "withdraw", "remove"):
            if holds:
                self._release(e.who)
                self._set(e.who, e.org, "withdrawn", e.ref, e.at)
                self.promote()
                return Outcome("withdrawn")
            status = "declined" if e.intent == "decline" else "withdrawn"
            self._set(e.who, e.org, status, e.ref, e.at)
            return Outcome(status)
        if e.intent in ("maybe", "question"):
            if holds:  # a place is kept until they say otherwise
                return Outcome(e.intent if e.intent == "question" else "noted")
            self._set(e.who, e.org, e.intent, e.ref, e.at)
            return Outcome(e.intent)
        return Outcome("noted")

    def _join(self, e: Entry, person: Person | None, holds: bool) -> Outcome:
        if holds and person is not None:
            if e.staff and person.status == "waitlisted":
                self._release(e.who)
            else:
                return Outcome(person.status, person.position)
        closes = self.rules.closes_at
        if not e.staff and closes is not None and e.at >= closes:
            return Outcome("closed")
        if e.staff or self.can_confirm(e.org):
            person = self._set(e.who, e.org, "confirmed", e.ref, e.at)
            self._confirm(e.who)
            person.position, person.place_ref = None, e.ref
            self.joined_by[e.who] = e.ref
            return Outcome("confirmed")
        if not self.rules.waitlist:
            return Outcome("full")
        self.queue.append(e.who)
        person = self._set(e.who, e.org, "waitlisted", e.ref, e.at)
        person.place_ref, person.position = e.ref, len(self.queue)
        self.joined_by[e.who] = e.ref
        return Outcome("waitlisted", person.position)

    def _borough(self, e: Entry, person: Person | None) -> Outcome:
        """An organisation agreed to fund this waiting person's place."""
        if self.funding is None or person is None or person.status != "waitlisted":
            return Outcome("noted")  # already in, gone, or never asked for: nothing to open
        if len(self.ledger.borough) >= self.funding.borough_places:
            return Outcome("full")
        self.queue.remove(e.who)
        self._renumber()
        person.status, person.position = "confirmed", None
        person.funded_by = e.org or person.org
        person.promoted_from = self.joined_by.get(e.who)
        self.ledger.borough[e.who] = person.funded_by or ""
        return Outcome("confirmed")

    def release_reservations(self) -> None:
        """At the reservation deadline: held places go to the waitlist in reply order."""
        self.reserving = False
        self.promote()


def compute(
    rules: RulesLike,
    entries: Iterable[Entry],
    now: datetime,
    member_orgs: Sequence[str] = (),
    funding: Funding | None = None,
) -> Ledger:
    """Replay every entry in order and return where everyone stands at `now`."""
    replay = _Replay(rules, member_orgs, funding)
    deadline = rules.reservation_deadline
    pending_release = replay.reserving and deadline is not None and deadline <= now
    for e in sorted(entries, key=lambda e: (e.at, e.ref)):
        if e.at > now:
            continue  # not happened yet (a scheduled staff action, or a clock skew)
        if pending_release and deadline is not None and e.at >= deadline:
            replay.release_reservations()
            pending_release = False
        replay.ledger.outcomes[e.ref] = replay.apply(e)
    if pending_release:
        replay.release_reservations()
    replay.ledger.closed = rules.closes_at is not None and now >= rules.closes_at
    if funding is not None:
        for who in replay.order:
            replay.ledger.people[who].funded_by = LOTI
    return replay.ledger
