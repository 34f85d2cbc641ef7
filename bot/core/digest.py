"""The staff digest's figures (pure): members by organisation and seniority, and the rest.

Organisation and seniority are only ever what a member's email domain or their own replies
said; anything else is "not stated", never a guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

NOT_STATED = "not stated"


@dataclass(frozen=True)
class Member:
    """A network member as the digest sees them."""

    person_id: int
    organisation: str | None  # member organisation (email domain) or what they said
    level: str | None  # seniority they stated in a reply


@dataclass(frozen=True)
class OrgRow:
    """Members of one organisation, by seniority."""

    organisation: str
    total: int
    by_level: dict[str, int]


@dataclass(frozen=True)
class EventLine:
    title: str
    signed_up: int
    capacity: int
    waitlisted: int
    attended: int | None = None  # None: not recorded (no attendance call posted yet)


@dataclass(frozen=True)
class CohortLine:
    name: str
    per_org: dict[str, int]
    below_two: list[str]


@dataclass(frozen=True)
class MentoringLine:
    round: str
    proposed: int
    introduced: int
    met: int
    not_met: int


@dataclass(frozen=True)
class IdeaLine:
    number: int
    title: str
    votes: int
    state: str


@dataclass
class Digest:
    """Everything the staff digest says, in the order it says it."""

    members: int
    levels: list[str]  # column order for the chart: stated levels, then "not stated"
    organisations: list[OrgRow]
    seniority: list[tuple[str, int]]
    events: list[EventLine] = field(default_factory=list)
    cohorts: list[CohortLine] = field(default_factory=list)
    mentoring: list[MentoringLine] = field(default_factory=list)
    ideas: list[IdeaLine] = field(default_factory=list)


def build(
    members: Sequence[Member],
    level_order: Sequence[str] = (),
    organisation_order: Sequence[str] = (),
    events: Sequence[EventLine] = (),
    cohorts: Sequence[CohortLine] = (),
    mentoring: Sequence[MentoringLine] = (),
    ideas: Sequence[IdeaLine] = (),
) -> Digest:
    """Count members per organisation and level; member organisations with none still show."""
    stated = {m.level for m in members if m.level}
    levels = [lv for lv in level_order if lv in stated]
    levels += sorted(stated - set(levels))
    if any(not m.level for m in members):
        levels.append(NOT_STATED)
    orgs: dict[str, dict[str, int]] = {o: {} for o in organisation_order}
    for m in members:
        row = orgs.setdefault(m.organisation or NOT_STATED, {})
        level = m.level or NOT_STATED
        row[level] = row.get(level, 0) + 1
    rows = [OrgRow(o, sum(c.values()), {lv: c.get(lv, 0) for lv in levels if c.get(lv)})
            for o, c in orgs.items()]
    # Most members first; "not stated" always last so it never looks like an organisation.
    rows.sort(key=lambda r: (r.organisation == NOT_STATED, -r.total, r.organisation))
    spread = [(lv, sum(1 for m in members if (m.level or NOT_STATED) == lv)) for lv in levels]
    return Digest(len(members), levels, rows, spread, list(events), list(cohorts),
                  list(mentoring), list(ideas))


def below(per_org: dict[str, int], organisations: Sequence[str], minimum: int = 2) -> list[str]:
    """Organisations with fewer than `minimum` people."""
    return [o for o in organisations if per_org.get(o, 0) < minimum]
