"""The numerical side of matching (numpy + scipy; imported only when a round is matched).

1. Relaxation. Each mentor with capacity c becomes c slots, and one dense assignment
   (`linear_sum_assignment`) over mentees x slots gives the best pairs without the "never both
   ways" rule. Every score is >= 0, so a forbidden pair scores 0 and is dropped by mask after
   the solve (no "stay unmatched" columns); the cost matrix is built negated, in place, in
   row blocks, so the only large array is the one the solver reads. From `SPARSE_CELLS`
   mentee x mentor pairs it runs instead on each mentee's best candidates and is proven
   optimal with LP duals (bot.core.matching_sparse), falling back to the dense assignment
   when the proof does not close.
2. If no two people are paired both ways, that is the optimum. Otherwise a local repair makes
   it feasible; if the repair loses nothing it is still optimal (the relaxation is a bound).
3. Otherwise an integer program over a sparse candidate graph (scipy `milp`, HiGHS). Its LP
   relaxation is priced against every pair, so its value is a proven bound for the whole
   round, and every pair whose reduced cost could still beat the incumbent joins the graph:
   the integer optimum over the graph is then the optimum of the round. If HiGHS stops at its
   time limit the result says so and carries the gap to the proven bound.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, linprog, milp
from scipy.sparse import csr_matrix

if TYPE_CHECKING:
    from bot.core.matching import Person, Rules

BLOCK = 1 << 20  # score cells computed at a time (bounds the temporaries to a few MB)
TOP_K = 8  # best mentors per mentee in the first candidate graph
TOL = 1e-7
MILP_SECONDS = 20.0
# From this many mentee x mentor pairs the relaxation runs on a sparse candidate graph
# (bot.core.matching_sparse) instead of one dense assignment over every mentor place.
SPARSE_CELLS = 2_000_000


@dataclass(frozen=True)
class Solution:
    """Chosen (mentee index, mentor index) pairs; exact, or within `bound` of the optimum."""

    pairs: list[tuple[int, int]]
    exact: bool
    bound: float


FORBID = -1e9  # a hard rule says no (clamped to 0 before the solver sees it)


class Scorer:
    """Scores of mentees x mentors (a vectorised `pair_score`): 0 where a hard rule forbids.

    The level and organisation terms depend only on a few facts per person, so each is one
    lookup in a small table; a block of scores costs a handful of passes over memory.
    """

    def __init__(self, mentees: Sequence[Person], mentors: Sequence[Person], rules: Rules,
                 previous: Collection[tuple[int, int]] = ()) -> None:  # fmt: skip
        from bot.core.matching import _rank_or, _wanted_rank

        w = rules.weights
        self.rules, self.m, self.n = rules, len(mentees), len(mentors)
        topics = sorted({t for p in mentees for t in p.wants}
                        | {t for p in mentors for t in p.offers})  # fmt: skip
        col = {t: i for i, t in enumerate(topics)}
        self.wants = _topic_matrix([p.wants for p in mentees], col) if topics else None
        self.offers = _topic_matrix([p.offers for p in mentors], col) if topics else None
        if self.offers is not None:
            self.offers *= w.topic
        self.base = w.matched + w.general * np.array([not p.offers for p in mentors], dtype=float)
        # Levels: one row per (mentee rank, wanted rank, wants more senior), one column per
        # mentor rank (+1, so "no level" is column 0).
        self.a1 = np.array([_rank_or(p.level, rules) + 1 for p in mentors], dtype=np.int64)
        keys: dict[tuple[int, int, bool], int] = {}
        self.lkey = np.array([keys.setdefault(
            (_rank_or(p.level, rules), _wanted_rank(p, rules), "more_senior" in p.preferences),
            len(keys)) for p in mentees], dtype=np.int64)  # fmt: skip
        ranks = np.arange(-1, len(rules.levels))
        rows = [_level_part(rules, b, want, ms, ranks) for (b, want, ms) in keys]
        self.ltable = np.array(rows) if rows else np.zeros((1, len(ranks)))
        used = self.ltable[np.unique(self.lkey)][:, np.unique(self.a1)] if rows else self.ltable
        self.lflat = float(used.flat[0]) if used.size and np.ptp(used) == 0 else None
        # Organisations: one row per (mentee org, wants other org, wants same org), one column
        # per mentor org (+1). Too many organisations for a table: computed per block.
        codes: dict[str, int] = {}
        self.mo = np.array([codes.setdefault(p.org, len(codes)) if p.org else -1 for p in mentors],
                           dtype=np.int64)  # fmt: skip
        self.eo = np.array([codes.setdefault(p.org, len(codes)) if p.org else -1 for p in mentees],
                           dtype=np.int64)  # fmt: skip
        self.oo = np.array(["other_org" in p.preferences for p in mentees])
        self.so = np.array(["same_org" in p.preferences for p in mentees])
        okeys: dict[tuple[int, bool, bool], int] = {}
        self.okey = np.array([okeys.setdefault((int(e), bool(o), bool(s)), len(okeys))
                              for e, o, s in zip(self.eo, self.oo, self.so, strict=True)],
                             dtype=np.int64)  # fmt: skip
        orgs = np.arange(-1, len(codes))
        self.otable = None
        if len(okeys) * len(orgs) <= 4_000_000:
            rows = [_org_part(rules, np.array(e), np.array(o), np.array(s), orgs)
                    for (e, o, s) in okeys]  # fmt: skip
            self.otable = np.array(rows) if rows else np.zeros((0, len(orgs)))
        row = {p.id: i for i, p in enumerate(mentees)}
        cols = {p.id: j for j, p in enumerate(mentors)}
        herself = [(i, cols[p.id]) for i, p in enumerate(mentees) if p.id in cols]
        pairs = {(row[e], cols[r]) for r, e in previous if e in row and r in cols}
        pairs |= {(row[r], cols[e]) for r, e in previous if r in row and e in cols}
        self.no = np.array(sorted(pairs | set(herself)), dtype=np.int64).reshape(-1, 2)
        self.no_keys = np.sort(self.no[:, 0] * max(1, self.n) + self.no[:, 1])

    def block(self, i0: int, i1: int, cols: np.ndarray | None = None) -> np.ndarray:
        """Scores of mentees i0:i1 x all mentors (or `cols`)."""
        return self.rows(np.arange(i0, i1), cols)

    def rows(self, rows: np.ndarray, cols: np.ndarray | None = None) -> np.ndarray:
        """Scores of the mentees `rows` (ascending) x all mentors (or `cols`)."""
        i = np.asarray(rows, dtype=np.int64)
        j = np.arange(self.n) if cols is None else np.asarray(cols)
        score, _ = self._core(i[:, None], j[None, :], grid=(i, cols is None))
        return score

    def pairs(self, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Scores and allowed flags of the pairs (rows[k], cols[k])."""
        return self._core(np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64),
                          grid=None)  # fmt: skip

    def _core(self, i: np.ndarray, j: np.ndarray, grid: tuple[np.ndarray, bool] | None,
              ) -> tuple[np.ndarray, np.ndarray | None]:  # fmt: skip
        if self.lflat is not None:  # nobody gave a level: the term is one number
            score = np.full(np.broadcast_shapes(i.shape, j.shape), self.lflat)
        elif grid is not None:  # gather table rows, then columns: faster than 2-D indexing
            score = np.take(self.ltable[self.lkey[i[:, 0]]], self.a1[j[0]], axis=1)
        else:
            score = self.ltable[self.lkey[i], self.a1[j]]
        score += self.base[j]
        if self.wants is not None:
            if grid is not None:
                score += self.wants[i[:, 0]] @ self.offers[j[0]].T
            else:
                score += np.einsum("kt,kt->k", self.wants[i], self.offers[j])
        if self.otable is not None and grid is not None:
            score += np.take(self.otable[self.okey[i[:, 0]]], self.mo[j[0]] + 1, axis=1)
        elif self.otable is not None:
            score += self.otable[self.okey[i], self.mo[j] + 1]
        else:
            score += _org_part(self.rules, self.eo[i], self.oo[i], self.so[i], self.mo[j])
        if len(self.no):
            if grid is not None and grid[1]:
                rows = grid[0]
                hit = self.no[np.isin(self.no[:, 0], rows)]
                score[np.searchsorted(rows, hit[:, 0]), hit[:, 1]] = FORBID
            else:
                keys = i * max(1, self.n) + j
                at = np.minimum(np.searchsorted(self.no_keys, keys), len(self.no_keys) - 1)
                score[self.no_keys[at] == keys] = FORBID
        ok = score > FORBID / 2 if grid is None else None
        np.maximum(score, 0.0, out=score)
        return score, ok

    def rows_per_block(self, width: int) -> int:
        return max(1, BLOCK // max(1, width))


def _level_part(rules: Rules, b: int, want: int, ms: bool, a: np.ndarray) -> np.ndarray:
    w = rules.weights
    known = (a >= 0) & (b >= 0)
    gap_ok = known & (a - b >= rules.seniority_gap)
    val = w.seniority * gap_ok + w.preference * (ms & known & (a > b))
    val = val + w.preference * ((want >= 0) & (a >= 0) & (a >= want))
    if rules.seniority_required:
        val = np.where(known & ~gap_ok, FORBID, val)
    return val.astype(np.float64)


def _org_part(rules: Rules, eo: np.ndarray, oo: np.ndarray, so: np.ndarray,
              mo: np.ndarray) -> np.ndarray:  # fmt: skip
    w = rules.weights
    same = (mo >= 0) & (mo == eo)
    diff = (mo >= 0) & (eo >= 0) & (mo != eo)
    val = w.preference * ((oo & diff).astype(np.float64) + (so & same))
    if rules.across_orgs != "ignored":
        val = val + w.across_orgs * diff
    if rules.across_orgs == "required":
        val = np.where(same, FORBID, val)
    return val


def _topic_matrix(sets: Sequence[frozenset[str]], col: dict[str, int]) -> np.ndarray:
    m = np.zeros((len(sets), len(col)), dtype=np.float64)
    for i, topics in enumerate(sets):
        for t in topics:
            m[i, col[t]] = 1.0
    return m


class _Round:
    """One round's indices: who is who across the mentee and mentor sides."""

    def __init__(self, mentees: Sequence[Person], mentors: Sequence[Person]) -> None:
        self.m, self.n = len(mentees), len(mentors)
        self.cap = np.array([p.capacity for p in mentors], dtype=np.int64)
        as_mentor = {p.id: j for j, p in enumerate(mentors)}
        as_mentee = {p.id: i for i, p in enumerate(mentees)}
        # The same person on the other side, or -1.
        self.mentor_self = np.array([as_mentor.get(p.id, -1) for p in mentees])
        self.mentee_self = np.array([as_mentee.get(p.id, -1) for p in mentors])

    def reverse(self, i: int, j: int) -> tuple[int, int] | None:
        """The pair (mentee, mentor) that is (i, j) the other way round, if both can exist."""
        k, c = int(self.mentee_self[j]), int(self.mentor_self[i])
        return (k, c) if k >= 0 and c >= 0 else None

    def mutual(self, mentor_of: np.ndarray) -> list[tuple[int, int]]:
        """Chosen pairs (i, j) whose reverse is also chosen (each clash once)."""
        i = np.flatnonzero(mentor_of >= 0)
        k, c = self.mentee_self[mentor_of[i]], self.mentor_self[i]
        both = (k >= 0) & (c >= 0)
        i, k, c = i[both], k[both], c[both]
        clash = (mentor_of[k] == c) & (k > i)
        return [(int(a), int(mentor_of[a])) for a in i[clash]]


def solve(mentees: Sequence[Person], mentors: Sequence[Person], rules: Rules,
          previous: Collection[tuple[int, int]] = (),
          sparse: bool | None = None) -> Solution:  # fmt: skip
    """The best pairs that never put two people together both ways.

    `sparse` picks how the relaxation is solved (by default: sparse from `SPARSE_CELLS`
    mentee x mentor pairs); both give the same optimum.
    """
    scorer = Scorer(mentees, mentors, rules, previous)
    rnd = _Round(mentees, mentors)
    found = None
    if sparse or (sparse is None and rnd.m * rnd.n >= SPARSE_CELLS):
        from bot.core.matching_sparse import relaxation

        found = relaxation(scorer, rnd) if rnd.m and rnd.n else None
    mentor_of, weight = found if found is not None else _relaxation(scorer, rnd)
    bound = float(weight[mentor_of >= 0].sum())
    if not rnd.mutual(mentor_of):
        return _solution(mentor_of, True, bound)
    mentor_of = _repair(scorer, rnd, mentor_of)
    value = _value(scorer, mentor_of)
    if value >= bound - TOL:
        return _solution(mentor_of, True, bound)
    return _exact(scorer, rnd, mentor_of, value)


def _solution(mentor_of: np.ndarray, exact: bool, bound: float) -> Solution:
    pairs = [(int(i), int(mentor_of[i])) for i in np.flatnonzero(mentor_of >= 0)]
    return Solution(pairs, exact, bound)


def _relaxation(scorer: Scorer, rnd: _Round) -> tuple[np.ndarray, np.ndarray]:
    """Best assignment ignoring the both-ways rule: mentor index per mentee (-1) and its score."""
    slot_of = np.repeat(np.arange(rnd.n), rnd.cap)
    mentor_of = np.full(rnd.m, -1, dtype=np.int64)
    weight = np.zeros(rnd.m)
    if not rnd.m or not len(slot_of):
        return mentor_of, weight
    # The solver copies a matrix it has to transpose or negate: hand it one it can use as is.
    flip = rnd.m > len(slot_of)
    cost = np.empty((len(slot_of), rnd.m) if flip else (rnd.m, len(slot_of)))
    one_slot_each = len(slot_of) == rnd.n
    step = scorer.rows_per_block(rnd.n)
    for i0 in range(0, rnd.m, step):
        i1 = min(rnd.m, i0 + step)
        block = scorer.block(i0, i1)
        if flip:
            np.negative(np.repeat(block, rnd.cap, axis=1).T, out=cost[:, i0:i1])
        elif one_slot_each:
            np.negative(block, out=cost[i0:i1])
        else:  # a mentor's places are adjacent columns: repeat beats a gather
            np.negative(block, out=block)
            cost[i0:i1] = np.repeat(block, rnd.cap, axis=1)
    rows, cols = linear_sum_assignment(cost)
    mentees, slots = (cols, rows) if flip else (rows, cols)
    chosen = -cost[rows, cols]
    del cost
    mentors = slot_of[slots]
    _, ok = scorer.pairs(mentees, mentors)
    mentor_of[mentees[ok]] = mentors[ok]
    weight[mentees[ok]] = chosen[ok]
    return mentor_of, weight


def _value(scorer: Scorer, mentor_of: np.ndarray) -> float:
    rows = np.flatnonzero(mentor_of >= 0)
    return float(scorer.pairs(rows, mentor_of[rows])[0].sum())


def _repair(scorer: Scorer, rnd: _Round, mentor_of: np.ndarray) -> np.ndarray:
    """Undo each both-ways pair by the cheapest move: another mentor, a swap, or a drop."""
    x = _swap_clashes(scorer, rnd, mentor_of.copy())
    load = np.bincount(x[x >= 0], minlength=rnd.n)
    for _ in range(4):
        clashes = rnd.mutual(x)
        if not clashes:
            return x
        for i, j in clashes:
            back = rnd.reverse(i, j)
            if x[i] != j or back is None or x[back[0]] != back[1]:
                continue  # an earlier move already undid this one
            moves = [m for e in ((i, j), back) for m in _moves(scorer, rnd, x, load, *e)]
            best = max(moves, key=lambda mv: mv[0])
            for mentee, mentor in best[1]:
                if x[mentee] >= 0:
                    load[x[mentee]] -= 1
                x[mentee] = mentor
                if mentor >= 0:
                    load[mentor] += 1
    for i, j in rnd.mutual(x):  # still clashing after several sweeps: drop one side
        x[i] = -1
        load[j] -= 1
    return x


def _swap_clashes(scorer: Scorer, rnd: _Round, x: np.ndarray) -> np.ndarray:
    """Many clashes at once: swap the mentors of two clashing mentees where that loses nothing.

    In a round where most pairs score the same (everyone "happy to do both") the relaxation is
    full of both-ways pairs; two of them swapped become one ring of four at no cost.
    """
    for sweep in range(6):
        clashes = np.array(rnd.mutual(x), dtype=np.int64).reshape(-1, 2)
        if len(clashes) < 2:
            break
        if sweep % 2:  # pair them differently on alternate sweeps
            clashes = np.roll(clashes, 1, axis=0)
        half = len(clashes) // 2
        a, b = clashes[:half], clashes[half:2 * half]
        now = scorer.pairs(a[:, 0], a[:, 1])[0] + scorer.pairs(b[:, 0], b[:, 1])[0]
        s1, ok1 = scorer.pairs(a[:, 0], b[:, 1])
        s2, ok2 = scorer.pairs(b[:, 0], a[:, 1])
        take = ok1 & ok2 & (s1 + s2 >= now - TOL)
        x[a[take, 0]] = b[take, 1]
        x[b[take, 0]] = a[take, 1]
    return x


def _moves(scorer: Scorer, rnd: _Round, x: np.ndarray, load: np.ndarray, b: int,
           a: int) -> list[tuple[float, list[tuple[int, int]]]]:  # fmt: skip
    """Ways to take mentee b away from mentor a: (score change, new (mentee, mentor) pairs)."""
    every = np.arange(rnd.n)
    row, ok = scorer.pairs(np.full(rnd.n, b), every)
    here = row[a]
    moves: list[tuple[float, list[tuple[int, int]]]] = [(-here, [(b, -1)])]
    spare = np.flatnonzero(ok & (load < rnd.cap) & (every != a))
    for c in spare[np.argsort(-row[spare], kind="stable")][:4]:
        if _fine(rnd, x, [(b, int(c))]):
            moves.append((row[c] - here, [(b, int(c))]))
            break
    # Swap mentees with another pair (d with c): b goes to c, d comes to a.
    others = np.flatnonzero((x >= 0) & (np.arange(rnd.m) != b))
    if len(others):
        cs = x[others]
        col, col_ok = scorer.pairs(others, np.full(len(others), a))
        now, _ = scorer.pairs(others, cs)
        fits = col_ok & ok[cs] & (cs != a)
        delta = np.where(fits, row[cs] + col - here - now, -np.inf)
        for t in np.argsort(-delta, kind="stable")[:8]:
            if not np.isfinite(delta[t]):
                break
            d, c = int(others[t]), int(cs[t])
            new = [(b, c), (d, a)]
            if _fine(rnd, x, new):
                moves.append((float(delta[t]), new))
                break
    return moves


def _fine(rnd: _Round, x: np.ndarray, new: list[tuple[int, int]]) -> bool:
    """Would these reassignments create a both-ways pair?"""
    y = x.copy()
    for mentee, mentor in new:
        y[mentee] = mentor
    for mentee, mentor in new:
        back = rnd.reverse(mentee, mentor) if mentor >= 0 else None
        if back is not None and y[back[0]] == back[1]:
            return False
    return True


# --- exact: LP pricing + integer program over a sparse candidate graph -----------------------


def _exact(scorer: Scorer, rnd: _Round, incumbent: np.ndarray, value: float) -> Solution:
    edges = _seed_edges(scorer, rnd, incumbent)
    while True:
        lp_value, u, v = _lp(scorer, rnd, edges)
        new = _priced(scorer, rnd, u, v, edges, TOL)
        if not len(new):
            break
        edges = np.unique(np.vstack([edges, new]), axis=0)
    if value >= lp_value - TOL:
        return _solution(incumbent, True, lp_value)
    # Any pair whose reduced cost is below -(bound - incumbent) cannot be in a better answer.
    more = _priced(scorer, rnd, u, v, edges, -(lp_value - value) - TOL)
    if len(more):
        edges = np.unique(np.vstack([edges, more]), axis=0)
    best, exact, mip_bound = _milp(scorer, rnd, edges, incumbent)
    if _value(scorer, best) < value:
        best = incumbent
    found = _value(scorer, best)
    bound = lp_value if not exact else found
    if not exact and mip_bound is not None:
        bound = min(lp_value, max(found, mip_bound))
    return _solution(best, exact, bound)


def _seed_edges(scorer: Scorer, rnd: _Round, incumbent: np.ndarray) -> np.ndarray:
    rows, cols = [], []
    step = scorer.rows_per_block(rnd.n)
    k = min(TOP_K, rnd.n)
    for i0 in range(0, rnd.m, step):
        i1 = min(rnd.m, i0 + step)
        block = scorer.block(i0, i1)
        top = np.argpartition(-block, k - 1, axis=1)[:, :k]
        r = np.repeat(np.arange(i0, i1), k)
        c = top.ravel()
        keep = block[r - i0, c] > 0
        rows.append(r[keep])
        cols.append(c[keep])
    chosen = np.flatnonzero(incumbent >= 0)
    rows.append(chosen)
    cols.append(incumbent[chosen])
    return np.unique(np.column_stack([np.concatenate(rows), np.concatenate(cols)]), axis=0)


def _weights(scorer: Scorer, edges: np.ndarray) -> np.ndarray:
    return scorer.pairs(edges[:, 0], edges[:, 1])[0]


def _model(rnd: _Round, edges: np.ndarray) -> tuple[csr_matrix, np.ndarray]:
    """Rows: one per mentee (<= 1), one per mentor (<= capacity), one per both-ways pair (<= 1)."""
    e = len(edges)
    index = {(int(i), int(j)): k for k, (i, j) in enumerate(edges)}
    pair_rows = []
    for (i, j), k in index.items():
        back = rnd.reverse(i, j)
        if back is not None and back in index and index[back] > k:
            pair_rows.append((k, index[back]))
    p = len(pair_rows)
    data_rows = np.concatenate([edges[:, 0], rnd.m + edges[:, 1],
                                rnd.m + rnd.n + np.repeat(np.arange(p), 2)])
    data_cols = np.concatenate([np.arange(e), np.arange(e),
                                np.array(pair_rows, dtype=np.int64).ravel()])
    a = csr_matrix((np.ones(len(data_rows)), (data_rows, data_cols)),
                   shape=(rnd.m + rnd.n + p, e))  # fmt: skip
    ub = np.concatenate([np.ones(rnd.m), rnd.cap.astype(float), np.ones(p)])
    return a, ub


def _lp(scorer: Scorer, rnd: _Round, edges: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    w = _weights(scorer, edges)
    a, ub = _model(rnd, edges)
    res = linprog(-w, A_ub=a, b_ub=ub, bounds=(0, None), method="highs")
    if res.status != 0:
        raise RuntimeError(f"matching: the LP relaxation failed ({res.message})")
    duals = -res.ineqlin.marginals
    return -float(res.fun), duals[:rnd.m], duals[rnd.m:rnd.m + rnd.n]


def _priced(scorer: Scorer, rnd: _Round, u: np.ndarray, v: np.ndarray, edges: np.ndarray,
            threshold: float) -> np.ndarray:  # fmt: skip
    """Pairs outside `edges` whose reduced cost is above `threshold`."""
    have = np.zeros((rnd.m, rnd.n), dtype=bool) if rnd.m * rnd.n <= 50_000_000 else None
    if have is not None:
        have[edges[:, 0], edges[:, 1]] = True
    found = []
    step = scorer.rows_per_block(rnd.n)
    for i0 in range(0, rnd.m, step):
        i1 = min(rnd.m, i0 + step)
        block = scorer.block(i0, i1)
        rc = block - u[i0:i1, None] - v[None, :]
        hit = (block > 0) & (rc > threshold)
        if have is not None:
            hit &= ~have[i0:i1]
        r, c = np.nonzero(hit)
        found.append(np.column_stack([r + i0, c]))
    out = np.vstack(found) if found else np.empty((0, 2), dtype=np.int64)
    return out.astype(np.int64)


def _milp(scorer: Scorer, rnd: _Round, edges: np.ndarray,
          incumbent: np.ndarray) -> tuple[np.ndarray, bool, float | None]:  # fmt: skip
    w = _weights(scorer, edges)
    a, ub = _model(rnd, edges)
    res = milp(-w, constraints=LinearConstraint(a, -np.inf, ub), integrality=np.ones(len(w)),
               bounds=Bounds(0, 1), options={"time_limit": MILP_SECONDS})  # fmt: skip
    if res.x is None:
        return incumbent, False, None
    x = np.full(rnd.m, -1, dtype=np.int64)
    pick = np.flatnonzero(res.x > 0.5)
    x[edges[pick, 0]] = edges[pick, 1]
    bound = getattr(res, "mip_dual_bound", None)
    return x, res.status == 0, (-float(bound) if bound is not None else None)
