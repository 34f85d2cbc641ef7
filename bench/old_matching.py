"""Optimal mentor/mentee assignment with mentor capacities (pure; scipy does the solving).

Each mentor with capacity c becomes c identical "slots"; a mentees x slots score matrix is
solved with `scipy.optimize.linear_sum_assignment` (maximise). Pairs that break a hard rule
(same person, a repeat of an earlier pair, same organisation when across-organisation is
required, too small a seniority gap when seniority is required) get a forbidden score and are
dropped if the solver leaves them in. That is the maximum-weight assignment: with the
`matched` weight high, it also matches as many people as it can.

Two people who both mentor and want a mentor must not be paired both ways (one introduction
each way would be odd). That rule joins two pairs, which an assignment cannot express, so
when the solver picks both directions we branch: solve once without each direction and keep
the better. Mutual pairs are rare (seniority favours one direction), so this costs little.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from scipy.optimize import linear_sum_assignment

FORBIDDEN = -1e9
# Beyond this many nested mutual pairs, drop the weaker direction instead of branching.
MAX_BRANCH_DEPTH = 8


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


def score_matrix(mentees: Sequence[Person], mentors: Sequence[Person], rules: Rules,
                 previous: Collection[tuple[int, int]] = (),
                 banned: Collection[tuple[int, int]] = ()) -> np.ndarray:  # fmt: skip
    """Scores mentees x mentors (vectorised `pair_score`); FORBIDDEN where a pair is not allowed."""
    w = rules.weights
    topics = sorted({t for p in mentees for t in p.wants} | {t for p in mentors for t in p.offers})
    col = {t: i for i, t in enumerate(topics)}
    wants = _topic_matrix([p.wants for p in mentees], col)
    offers = _topic_matrix([p.offers for p in mentors], col)
    score = w.matched + w.topic * (wants @ offers.T).astype(np.float64)
    score += w.general * np.array([not p.offers for p in mentors])[None, :]

    a = np.array([_rank_or(p.level, rules) for p in mentors])[None, :]
    b = np.array([_rank_or(p.level, rules) for p in mentees])[:, None]
    known = (a >= 0) & (b >= 0)
    gap_ok = known & (a - b >= rules.seniority_gap)
    score += w.seniority * gap_ok
    codes: dict[str, int] = {}
    mo = np.array([codes.setdefault(p.org, len(codes)) if p.org else -1 for p in mentors])[None, :]
    eo = np.array([codes.setdefault(p.org, len(codes)) if p.org else -1 for p in mentees])[:, None]
    same = (mo >= 0) & (mo == eo)
    diff = (mo >= 0) & (eo >= 0) & (mo != eo)
    if rules.across_orgs != "ignored":
        score += w.across_orgs * diff

    def pref(name: str) -> np.ndarray:
        return np.array([name in p.preferences for p in mentees])[:, None]

    wanted = np.array([_wanted_rank(p, rules) for p in mentees])[:, None]
    met = (pref("other_org") & diff).astype(np.int32) + (pref("same_org") & same)
    met += pref("more_senior") & known & (a > b)
    met += (wanted >= 0) & (a >= 0) & (a >= wanted)
    score += w.preference * met

    ids = np.array([p.id for p in mentors])
    forbid = np.array([p.id for p in mentees])[:, None] == ids[None, :]
    if rules.across_orgs == "required":
        forbid |= same
    if rules.seniority_required:
        forbid |= known & ~gap_ok
    row = {p.id: i for i, p in enumerate(mentees)}
    cols = {p.id: j for j, p in enumerate(mentors)}
    directed = [e for x, y in previous for e in ((x, y), (y, x))] + list(banned)
    for mentor_id, mentee_id in directed:
        if mentee_id in row and mentor_id in cols:
            forbid[row[mentee_id], cols[mentor_id]] = True
    score[forbid] = FORBIDDEN
    return score


def _topic_matrix(sets: Sequence[frozenset[str]], col: dict[str, int]) -> np.ndarray:
    m = np.zeros((len(sets), max(1, len(col))), dtype=np.float32)
    for i, topics in enumerate(sets):
        for t in topics:
            m[i, col[t]] = 1.0
    return m


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
    return _match_without_mutual(people, rules, set(previous), frozenset(), 0)


def _match_without_mutual(people: Sequence[Person], rules: Rules,
                          previous: set[tuple[int, int]], banned: frozenset[tuple[int, int]],
                          depth: int) -> MatchResult:  # fmt: skip
    result = _assign(people, rules, previous, banned)
    scores = {(p.mentor_id, p.mentee_id): p.score for p in result.pairs}
    mutual = next(((a, b) for a, b in sorted(scores) if (b, a) in scores), None)
    if mutual is None:
        return result
    a, b = mutual
    if depth >= MAX_BRANCH_DEPTH:
        weaker = min(((a, b), (b, a)), key=lambda e: (scores[e], e))
        return _match_without_mutual(people, rules, previous, banned | {weaker}, depth)
    # Every allowed assignment lacks one of the two directions: the best of both is optimal.
    options = [_match_without_mutual(people, rules, previous, banned | {e}, depth + 1)
               for e in ((a, b), (b, a))]  # fmt: skip
    return max(options, key=lambda r: r.total)


def _assign(people: Sequence[Person], rules: Rules, previous: set[tuple[int, int]],
            banned: frozenset[tuple[int, int]]) -> MatchResult:  # fmt: skip
    mentees = [p for p in people if p.mentee]
    mentors = [p for p in people if p.capacity > 0]
    slots = [p for p in mentors for _ in range(p.capacity)]
    pairs: list[Pair] = []
    if mentees and slots:
        by_mentor = score_matrix(mentees, mentors, rules, previous, banned)
        scores = by_mentor[:, np.repeat(np.arange(len(mentors)), [p.capacity for p in mentors])]
        # One "stay unmatched" column per mentee (score 0): the solver must give every row a
        # column, and without these it would rather take a forbidden pair than leave one out.
        scores = np.hstack([scores, np.zeros((len(mentees), len(mentees)))])
        rows, cols = linear_sum_assignment(scores, maximize=True)
        for i, j in zip(rows, cols, strict=True):
            if j >= len(slots) or scores[i, j] <= FORBIDDEN / 2:
                continue
            mentor, mentee = slots[j], mentees[i]
            pairs.append(Pair(
                mentor.id, mentee.id, float(scores[i, j]),
                tuple(sorted(mentor.offers & mentee.wants)), reasons(mentor, mentee, rules),
            ))  # fmt: skip
    matched_mentees = {p.mentee_id for p in pairs}
    matched_mentors = {p.mentor_id for p in pairs}
    return MatchResult(
        pairs=tuple(sorted(pairs, key=lambda p: (p.mentor_id, p.mentee_id))),
        unmatched_mentees=tuple(p.id for p in mentees if p.id not in matched_mentees),
        unmatched_mentors=tuple(
            p.id for p in people if p.capacity > 0 and p.id not in matched_mentors
        ),
        total=float(sum(p.score for p in pairs)),
    )
