"""Optimal mentor/mentee assignment: rules, reasons, and equality with a brute-force optimum."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.matching import Person, Rules, Weights, match, pair_score

LEVELS = ("officer", "manager", "head of service", "director")
RULES = Rules(levels=LEVELS)


def mentor(pid, *, offers=(), capacity=1, org=None, level=None, mentee=False, wants=()):
    return Person(pid, f"P{pid}", org, level, frozenset(offers), frozenset(wants), capacity, mentee)


def mentee(pid, *, wants=(), org=None, level=None, prefs=()):
    return Person(pid, f"P{pid}", org, level, frozenset(), frozenset(wants), 0, True,
                  frozenset(prefs))  # fmt: skip


class TestRules:
    def test_shared_topic_beats_no_topic(self) -> None:
        people = [mentor(1, offers={"cloud"}), mentor(2, offers={"ai"}), mentee(3, wants={"ai"})]
        (pair,) = match(people, RULES).pairs
        assert (pair.mentor_id, pair.shared_topics) == (2, ("ai",))
        assert "ai" in pair.reasons[0]

    def test_capacity_is_respected_and_extra_mentees_are_left_unmatched(self) -> None:
        people = [mentor(1, capacity=2), *(mentee(i) for i in (2, 3, 4))]
        result = match(people, RULES)
        assert len(result.pairs) == 2 and len(result.unmatched_mentees) == 1

    def test_nobody_is_paired_with_herself(self) -> None:
        both = mentor(1, offers={"ai"}, wants={"ai"}, mentee=True)
        assert match([both], RULES).pairs == ()

    def test_previous_pairs_are_never_repeated(self) -> None:
        people = [mentor(1, offers={"ai"}), mentee(2, wants={"ai"})]
        result = match(people, RULES, previous={(1, 2)})
        assert result.pairs == () and result.unmatched_mentees == (2,)

    def test_across_orgs_required_forbids_same_org(self) -> None:
        rules = Rules(levels=LEVELS, across_orgs="required")
        assert pair_score(mentor(1, org="camden"), mentee(2, org="camden"), rules) is None
        assert pair_score(mentor(1, org="camden"), mentee(2, org="brent"), rules) is not None

    def test_across_orgs_preferred_adds_weight(self) -> None:
        people = [mentor(1, org="camden"), mentor(2, org="brent"), mentee(3, org="camden")]
        assert match(people, RULES).pairs[0].mentor_id == 2

    def test_seniority_gap_required(self) -> None:
        rules = Rules(levels=LEVELS, seniority_gap=2, seniority_required=True)
        assert pair_score(mentor(1, level="manager"), mentee(2, level="officer"), rules) is None
        assert pair_score(mentor(1, level="director"), mentee(2, level="officer"), rules)

    def test_stated_preferences_count(self) -> None:
        people = [mentor(1, level="manager"), mentor(2, level="director"),
                  mentee(3, level="officer", prefs={"level:director"})]  # fmt: skip
        rules = Rules(levels=LEVELS, weights=Weights(seniority=0))
        assert match(people, rules).pairs[0].mentor_id == 2

    def test_reasons_name_levels_and_organisations(self) -> None:
        people = [mentor(1, org="Camden", level="director", offers={"cloud"}),
                  mentee(2, org="Brent", level="officer", wants={"cloud"})]  # fmt: skip
        reasons = " ".join(match(people, RULES).pairs[0].reasons)
        assert "cloud" in reasons and "director" in reasons and "Camden and Brent" in reasons


# --- brute force ------------------------------------------------------------------------------


def brute_force(people, rules, previous) -> float:
    """The best total over every assignment of each mentee to one mentor or to nobody, tried
    one by one: mentors within capacity, no forbidden pair, nobody paired both ways.

    Depth-first, each pair scored once (the scores do not depend on the other pairs), and an
    assignment abandoned as soon as it breaks a rule, which is what makes 150 examples cheap.
    """
    mentees = [p for p in people if p.mentee]
    mentors = [p for p in people if p.capacity > 0]
    scores = {(c.id, m.id): pair_score(c, m, rules, previous) for c in mentors for m in mentees}
    used = dict.fromkeys((c.id for c in mentors), 0)
    chosen: set[tuple[int, int]] = set()
    best = 0.0  # everybody unmatched

    def assign(index: int, total: float) -> None:
        nonlocal best
        if index == len(mentees):
            best = max(best, total)
            return
        mentee = mentees[index]
        assign(index + 1, total)  # this mentee stays unmatched
        for mentor in mentors:
            score = scores[mentor.id, mentee.id]
            if (score is None or used[mentor.id] >= mentor.capacity or mentor.id == mentee.id
                    or (mentee.id, mentor.id) in chosen):
                continue
            used[mentor.id] += 1
            chosen.add((mentor.id, mentee.id))
            assign(index + 1, total + score)
            used[mentor.id] -= 1
            chosen.discard((mentor.id, mentee.id))

    assign(0, 0.0)
    return best


TOPICS = ("ai", "cloud", "leadership")


@st.composite
def instances(draw):
    n = draw(st.integers(1, 6))
    people = []
    for pid in range(n):
        is_mentor = draw(st.booleans())
        is_mentee = draw(st.booleans()) or not is_mentor
        people.append(Person(
            pid, f"P{pid}",
            org=draw(st.sampled_from([None, "a", "b"])),
            level=draw(st.sampled_from([None, *LEVELS])),
            offers=frozenset(draw(st.sets(st.sampled_from(TOPICS)))) if is_mentor else frozenset(),
            wants=frozenset(draw(st.sets(st.sampled_from(TOPICS)))) if is_mentee else frozenset(),
            capacity=draw(st.integers(1, 2)) if is_mentor else 0,
            mentee=is_mentee,
            preferences=frozenset(draw(st.sets(st.sampled_from(["other_org", "more_senior"])))),
        ))  # fmt: skip
    previous = draw(st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3))
    rules = Rules(
        weights=Weights(matched=draw(st.sampled_from([0.0, 1.0, 10.0]))),
        levels=LEVELS,
        seniority_gap=draw(st.integers(0, 2)),
        seniority_required=draw(st.booleans()),
        across_orgs=draw(st.sampled_from(["required", "preferred", "ignored"])),
    )
    return people, rules, previous


@settings(max_examples=150, deadline=None)
@given(instances())
def test_matches_brute_force_optimum(instance) -> None:
    people, rules, previous = instance
    result = match(people, rules, previous)
    assert abs(result.total - brute_force(people, rules, previous)) < 1e-6
    # and the result itself is valid
    loads: dict[int, int] = {}
    by_id = {p.id: p for p in people}
    for pair in result.pairs:
        assert pair_score(by_id[pair.mentor_id], by_id[pair.mentee_id], rules, previous) is not None
        loads[pair.mentor_id] = loads.get(pair.mentor_id, 0) + 1
        assert loads[pair.mentor_id] <= by_id[pair.mentor_id].capacity
    assert len({p.mentee_id for p in result.pairs}) == len(result.pairs)
    directed = {(p.mentor_id, p.mentee_id) for p in result.pairs}
    assert not any((b, a) in directed for a, b in directed)


def test_two_people_are_never_paired_both_ways() -> None:
    # Each offers what the other wants and nobody else is there: one direction only.
    people = [
        mentor(0, offers={"ai"}, mentee=True, wants={"cloud"}, org="a"),
        mentor(1, offers={"cloud"}, mentee=True, wants={"ai"}, org="b"),
    ]
    result = match(people, Rules())
    assert len(result.pairs) == 1


def test_the_better_direction_is_kept_when_two_people_could_pair_both_ways() -> None:
    people = [
        mentor(0, offers={"ai", "cloud"}, mentee=True, wants={"leadership"}, org="a"),
        mentor(1, offers={"leadership"}, mentee=True, wants={"ai", "cloud"}, org="b"),
    ]
    (pair,) = match(people, Rules()).pairs
    assert (pair.mentor_id, pair.mentee_id) == (0, 1)  # two shared topics beat one


def test_a_forbidden_pair_is_never_forced_to_fill_a_row() -> None:
    # Two mentees, two places, but one place is the mentee's own: leave her out, don't
    # give up the best pair to make room.
    people = [mentor(0, offers={"ai"}), mentee(1, wants={"ai"}),
              mentor(2, capacity=1, mentee=True)]  # fmt: skip
    result = match(people, Rules(weights=Weights(matched=0.0), across_orgs="required"))
    assert [(p.mentor_id, p.mentee_id) for p in result.pairs][:1] == [(0, 1)]


@st.composite
def all_both_instances(draw):
    # Members who only said "happy to do both": no level, no topics, capacity 1. Every pair
    # scores the same, so an unconstrained assignment is full of both-ways pairs.
    n = draw(st.integers(2, 5))
    people = [Person(pid, f"P{pid}", org=draw(st.sampled_from([None, "a", "b"])),
                     capacity=1, mentee=True) for pid in range(n)]  # fmt: skip
    previous = draw(st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3))
    rules = Rules(levels=LEVELS, across_orgs=draw(st.sampled_from(["required", "preferred"])))
    return people, rules, previous


@settings(max_examples=150, deadline=None)
@given(all_both_instances())
def test_all_both_rounds_match_brute_force_optimum(instance) -> None:
    people, rules, previous = instance
    result = match(people, rules, previous)
    assert result.exact and result.gap == 0
    assert abs(result.total - brute_force(people, rules, previous)) < 1e-6
    directed = {(p.mentor_id, p.mentee_id) for p in result.pairs}
    assert not any((b, a) in directed for a, b in directed)
    assert len({p.mentee_id for p in result.pairs}) == len(result.pairs)
    assert len({p.mentor_id for p in result.pairs}) == len(result.pairs)


def test_an_all_both_round_of_three_is_a_cycle() -> None:
    # Three people, each happy to do both: the best is a ring (3 pairs), never a both-ways pair.
    people = [Person(i, f"P{i}", capacity=1, mentee=True) for i in range(3)]
    result = match(people, Rules())
    assert len(result.pairs) == 3 and result.exact
    assert {p.mentor_id for p in result.pairs} == {0, 1, 2}
