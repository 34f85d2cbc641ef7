"""The sparse relaxation (candidates + a dual proof) against dense assignment and brute force."""

from __future__ import annotations

import random
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from test_mentoring_matching import all_both_instances, brute_force, instances

from bot.core import matching_solver, matching_sparse
from bot.core.matching import Person, Rules, match
from bot.core.matching_solver import Scorer, _relaxation, _Round, solve

LEVELS = ("officer", "manager", "head of service", "director")
TOPICS = ("ai", "cloud", "data", "leadership", "procurement", "research")
ORGS = ("a", "b", "c", "d", "e")


def shipped_round(n: int, seed: int) -> tuple[list[Person], set[tuple[int, int]]]:
    """Members with levels, topics, organisations, preferences and earlier pairs."""
    rng = random.Random(seed)
    people = []
    for pid in range(n):
        kind = rng.choice(["mentee", "mentee", "mentor", "both"])
        mentors = kind != "mentee"
        people.append(Person(
            pid, f"P{pid}", rng.choice((None, *ORGS)), rng.choice((None, *LEVELS)),
            offers=frozenset(rng.sample(TOPICS, rng.randint(0, 2))) if mentors else frozenset(),
            wants=frozenset(rng.sample(TOPICS, rng.randint(0, 2))) if kind != "mentor"
            else frozenset(),
            capacity=rng.choice((1, 1, 2, 3)) if mentors else 0,
            mentee=kind != "mentor",
            preferences=frozenset(rng.sample(("other_org", "more_senior"), rng.randint(0, 1))),
        ))  # fmt: skip
    previous = {(rng.randrange(n), rng.randrange(n)) for _ in range(n // 5)}
    return people, previous


def all_both_round(n: int, seed: int) -> tuple[list[Person], set[tuple[int, int]]]:
    """Members happy to do both, with only an organisation: nearly every pair ties."""
    rng = random.Random(seed)
    return [Person(pid, f"P{pid}", rng.choice(ORGS), capacity=1, mentee=True)
            for pid in range(n)], set()  # fmt: skip


def sides(people: list[Person]) -> tuple[list[Person], list[Person]]:
    return [p for p in people if p.mentee], [p for p in people if p.capacity > 0]


ROUNDS = [(shipped_round, n, seed) for n, seed in ((120, 1), (250, 2), (400, 3), (600, 4))]
ROUNDS += [(all_both_round, n, seed) for n, seed in ((150, 5), (500, 6))]
RULES = [Rules(levels=LEVELS), Rules(levels=LEVELS, across_orgs="required",
                                     seniority_required=True)]  # fmt: skip


class TestSparseRelaxation:
    @pytest.mark.parametrize(("make", "n", "seed"), ROUNDS)
    @pytest.mark.parametrize("rules", RULES)
    @pytest.mark.parametrize("candidates", [1, 3, matching_sparse.CANDIDATES])
    def test_the_proven_relaxation_has_the_dense_total(self, make, n, seed, rules,
                                                       candidates) -> None:  # fmt: skip
        # Few candidates make the proof price pairs and solve again; it may also give up
        # (None), and then the dense assignment runs. A proven answer is never worse.
        people, previous = make(n, seed)
        mentees, mentors = sides(people)
        scorer, rnd = Scorer(mentees, mentors, rules, previous), _Round(mentees, mentors)
        _, dense = _relaxation(scorer, rnd)
        with mock.patch.object(matching_sparse, "CANDIDATES", candidates), \
                mock.patch.object(matching_sparse, "ADD_PER_ROW", min(candidates, 4)):  # fmt: skip
            found = matching_sparse.relaxation(scorer, rnd)
        if candidates == matching_sparse.CANDIDATES:
            assert found is not None  # mid-size rounds prove optimal on the first graph
        if found is not None:
            mentor_of, weight = found
            assert weight.sum() == pytest.approx(dense.sum(), abs=1e-6)
            chosen = np.flatnonzero(mentor_of >= 0)
            scores, ok = scorer.pairs(chosen, mentor_of[chosen])
            assert ok.all() and np.allclose(scores, weight[chosen])
            assert (np.bincount(mentor_of[chosen], minlength=rnd.n) <= rnd.cap).all()

    def test_pricing_adds_pairs_until_the_proof_closes(self) -> None:
        # One candidate each cannot be optimal here, so the answer comes from a later graph.
        people, previous = shipped_round(300, 7)
        mentees, mentors = sides(people)
        scorer, rnd = Scorer(mentees, mentors, Rules(levels=LEVELS), previous), \
            _Round(mentees, mentors)  # fmt: skip
        _, dense = _relaxation(scorer, rnd)
        seen: list[int] = []
        real = matching_sparse._violated

        def spy(*args):
            out = real(*args)
            seen.append(len(out))
            return out

        with mock.patch.object(matching_sparse, "CANDIDATES", 1), \
                mock.patch.object(matching_sparse, "ROUNDS", 20), \
                mock.patch.object(matching_sparse, "_violated", spy):  # fmt: skip
            found = matching_sparse.relaxation(scorer, rnd)
        assert found is not None and seen[0] > 0 and seen[-1] == 0
        assert found[1].sum() == pytest.approx(dense.sum(), abs=1e-6)


class TestSolve:
    @pytest.mark.parametrize(("make", "n", "seed"), ROUNDS)
    @pytest.mark.parametrize("rules", RULES)
    def test_sparse_and_dense_solve_to_the_same_total(self, make, n, seed, rules) -> None:
        people, previous = make(n, seed)
        mentees, mentors = sides(people)
        sparse = solve(mentees, mentors, rules, previous, sparse=True)
        dense = solve(mentees, mentors, rules, previous, sparse=False)
        assert sparse.exact and dense.exact
        scorer = Scorer(mentees, mentors, rules, previous)

        def total(pairs):
            rows, cols = np.array(pairs, dtype=np.int64).reshape(-1, 2).T
            return float(scorer.pairs(rows, cols)[0].sum())

        assert total(sparse.pairs) == pytest.approx(total(dense.pairs), abs=1e-6)

    def test_a_failed_proof_falls_back_to_the_dense_assignment(self) -> None:
        people, previous = shipped_round(250, 8)
        rules = Rules(levels=LEVELS)
        with mock.patch.object(matching_sparse, "ROUNDS", 0):
            fallback = match(people, rules, previous)
        with mock.patch.object(matching_solver, "SPARSE_CELLS", 10**12):
            dense = match(people, rules, previous)
        assert fallback.exact and fallback.total == pytest.approx(dense.total, abs=1e-6)


def _sparse_with_one_candidate(people, rules, previous):
    # Forced onto the sparse path with 1 candidate each, so most rounds need pricing.
    with mock.patch.object(matching_solver, "SPARSE_CELLS", 0), \
            mock.patch.object(matching_sparse, "CANDIDATES", 1):  # fmt: skip
        return match(people, rules, previous)


@settings(max_examples=100, deadline=None)
@given(instances())
def test_sparse_path_matches_brute_force_optimum(instance) -> None:
    result = _sparse_with_one_candidate(*instance)
    assert result.exact and abs(result.total - brute_force(*instance)) < 1e-6


@settings(max_examples=100, deadline=None)
@given(all_both_instances())
def test_sparse_path_matches_brute_force_on_all_both_rounds(instance) -> None:
    result = _sparse_with_one_candidate(*instance)
    assert result.exact and abs(result.total - brute_force(*instance)) < 1e-6
