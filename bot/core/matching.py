"""Optimal mentor/mentee assignment with mentor capacities: the rules, scores and reasons.

A pair that breaks a hard rule (same person, a repeat of an earlier pair, same organisation
when across-organisation is required, too small a seniority gap when seniority is required)
is never made. Among the rest the matcher finds the maximum total score: with the `matched`
weight high, it also matches as many people as it can. Two people who both mentor and want a
mentor are never paired both ways (one introduction each way would be odd).

The solving lives in `bot.core.matching_solver` (numpy + scipy), imported only when a round is
matched, so the worker and the CLI start without the numerical stack.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Weights:
    """Score for each thing a pair has going for it."""

    matched: float = 10.0
    topic: float = 5.0
    general: float = 1.0
    seniority: float = 3.0
    across_orgs: float = 2.0
    preference: float = 2.0


@dataclass(frozen=True)
class Rules:
    """Matching rules for a round (built from config)."""

    weights: Weights = Weights()
    seniority_gap: int = 1
    seniority_required: bool = False
    across_orgs: Literal["required", "preferred", "ignored"] = "preferred"
    levels: tuple[str, ...] = ()  # most junior first


@dataclass(frozen=True)
class Person:
    """One member as the matcher sees them."""

    id: int
    name: str
    org: str | None = None
    level: str | None = None
    offers: frozenset[str] = frozenset()
    wants: frozenset[str] = frozenset()
    capacity: int = 0  # > 0 means she mentors
    mentee: bool = False
    preferences: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Pair:
    """A proposed pair, with the reasons it was made."""

    mentor_id: int
    mentee_id: int
    score: float
    shared_topics: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class MatchResult:
    """Pairs, plus mentees nobody could take and mentors nobody was matched to."""

    pairs: tuple[Pair, ...]
    unmatched_mentees: tuple[int, ...] = ()
    unmatched_mentors: tuple[int, ...] = ()
    total: float = field(default=0.0)
    # False only when the solver hit its time limit: then the best total is at most `bound`.
    exact: bool = True
    bound: float = 0.0

    @property
    def gap(self) -> float:
        """How far the total may be from the optimum (0 when exact)."""
        return max(0.0, self.bound - self.total)


def _rank(level: str | None, rules: Rules) -> int | None:
    try:
        return rules.levels.index(level) if level else None
    except ValueError:
        return None


def pair_score(mentor: Person, mentee: Person, rules: Rules,
               previous: Collection[tuple[int, int]] = ()) -> float | None:  # fmt: skip
    """The score of mentor+mentee, or None when a hard rule forbids the pair."""
    if mentor.id == mentee.id or mentor.capacity <= 0 or not mentee.mentee:
        return None
    if (mentor.id, mentee.id) in previous or (mentee.id, mentor.id) in previous:
        return None
    w = rules.weights
    # An unknown organisation (None: her email domain is not a member's) is neither the same
    # as nor different from anyone's: it never earns the across-organisations credit or the
    # "different organisations" reason, and "required" does not block it; staff see the pairs.
    same_org = bool(mentor.org) and mentor.org == mentee.org
    if same_org and rules.across_orgs == "required":
        return None
    a, b = _rank(mentor.level, rules), _rank(mentee.level, rules)
    gap_ok = a is not None and b is not None and a - b >= rules.seniority_gap
    if rules.seniority_required and a is not None and b is not None and not gap_ok:
        return None
    score = w.matched + w.topic * len(mentor.offers & mentee.wants)
    if not mentor.offers:
        score += w.general
    if gap_ok:
        score += w.seniority
    if rules.across_orgs != "ignored" and not same_org and mentor.org and mentee.org:
        score += w.across_orgs
    return score + w.preference * _preferences_met(mentor, mentee, a, b, rules)


def _preferences_met(mentor: Person, mentee: Person, a: int | None, b: int | None,
                     rules: Rules) -> int:  # fmt: skip
    met = 0
    for pref in mentee.preferences:
        if pref == "other_org":
            met += bool(mentor.org and mentee.org and mentor.org != mentee.org)
        elif pref == "same_org":
            met += bool(mentor.org and mentor.org == mentee.org)
        elif pref == "more_senior":
            met += bool(a is not None and b is not None and a > b)
    want = _wanted_rank(mentee, rules)  # several stated levels count once, at the highest
    return met + bool(a is not None and want >= 0 and a >= want)


def reasons(mentor: Person, mentee: Person, rules: Rules) -> tuple[str, ...]:
    """Plain-English reasons for an introduction."""
    out = []
    shared = sorted(mentor.offers & mentee.wants)
    if shared:
        out.append(f"{mentee.name} would like support with {_join(shared)}, "
                   f"which {mentor.name} offered to mentor on")  # fmt: skip
    elif mentee.wants:
        out.append(f"{mentee.name} would like support with {_join(sorted(mentee.wants))}")
    a, b = _rank(mentor.level, rules), _rank(mentee.level, rules)
    if a is not None and b is not None:
        out.append(f"{mentor.name} is at {mentor.level} level and {mentee.name} at {mentee.level}")
    if mentor.org and mentee.org and mentor.org != mentee.org:
        out.append(f"You work in different organisations ({mentor.org} and {mentee.org}), "
                   "so you bring fresh eyes")  # fmt: skip
    return tuple(out)


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _rank_or(level: str | None, rules: Rules) -> int:
    rank = _rank(level, rules)
    return -1 if rank is None else rank


def _wanted_rank(person: Person, rules: Rules) -> int:
    ranks = [_rank_or(p.removeprefix("level:"), rules) for p in person.preferences
             if p.startswith("level:")]  # fmt: skip
    return max(ranks, default=-1)


def match(people: Sequence[Person], rules: Rules,
          previous: Collection[tuple[int, int]] = ()) -> MatchResult:  # fmt: skip
    """The best assignment of mentees to mentor places, never pairing two people both ways."""
    mentees = [p for p in people if p.mentee]
    mentors = [p for p in people if p.capacity > 0]
    pairs: list[Pair] = []
    exact, bound = True, 0.0
    if mentees and mentors:
        # numpy and scipy load here, not when the bot starts (a lean worker and CLI).
        from bot.core.matching_solver import solve

        solution = solve(mentees, mentors, rules, previous)
        exact, bound = solution.exact, solution.bound
        for i, j in solution.pairs:
            mentor, mentee = mentors[j], mentees[i]
            score = pair_score(mentor, mentee, rules, previous)
            if score is None:  # the solver only returns allowed pairs; never post a bad one
                raise AssertionError(f"matching chose a forbidden pair {mentor.id}->{mentee.id}")
            pairs.append(Pair(
                mentor.id, mentee.id, score,
                tuple(sorted(mentor.offers & mentee.wants)), reasons(mentor, mentee, rules),
            ))  # fmt: skip
    matched_mentees = {p.mentee_id for p in pairs}
    matched_mentors = {p.mentor_id for p in pairs}
    total = float(sum(p.score for p in pairs))
    return MatchResult(
        pairs=tuple(sorted(pairs, key=lambda p: (p.mentor_id, p.mentee_id))),
        unmatched_mentees=tuple(p.id for p in mentees if p.id not in matched_mentees),
        unmatched_mentors=tuple(p.id for p in mentors if p.id not in matched_mentors),
        total=total,
        exact=exact,
        bound=max(bound, total),
    )
