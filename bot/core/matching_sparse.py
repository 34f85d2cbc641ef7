"""The relaxation of a large round on a sparse candidate graph, with a proof that it is optimal.

The relaxation (best pairs ignoring "never both ways") is a maximum-weight b-matching: each
mentee takes at most one mentor, each mentor at most her capacity. A dense assignment over every
mentee x mentor place costs hundreds of MB past 5,000 people. Instead:

1. Candidates: each mentee's `CANDIDATES` best mentors (ties broken by a tiny jitter, so equal
   scores spread over many mentors), scored a block of rows at a time.
2. The sparse assignment (`min_weight_full_bipartite_matching`, LAPJVsp) over the candidates.
3. LP duals for it: shortest-path potentials in its residual graph give u (per mentee) and
   v (per mentor) with u, v >= 0, u_i + v_j >= w_ij on every candidate pair, and
   sum(u) + sum(capacity * v) equal to the matching's total.
4. Pricing: if u_i + v_j >= w_ij for every pair of the round, (u, v) is a feasible dual of the
   whole relaxation, whose value is the matching's total: so the matching is optimal (weak
   duality). A mentee whose u_i already covers her best non-candidate score needs no pricing.
   Pairs that break the bound join the candidates and the round is solved again.

If the proof has not closed after `ROUNDS` tries, the caller falls back to the dense assignment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

if TYPE_CHECKING:
    from bot.core.matching_solver import Scorer, _Round

CANDIDATES = 16  # best mentors per mentee in the first graph
ADD_PER_ROW = 8  # most-violated pairs a mentee adds per pricing round
ROUNDS = 4
MAX_PASSES = 5_000  # Bellman-Ford passes before giving up on the duals (they take tens)
TOL = 1e-7
JITTER = 1e-4  # tie-break, relative to the largest score; never enters a weight
SHIFTS = 1021  # jitter patterns: rows of different blocks get different tie-breaks


def relaxation(scorer: Scorer, rnd: _Round) -> tuple[np.ndarray, np.ndarray] | None:
    """Mentor per mentee (-1) and the pair's score, proven optimal; None if the proof failed."""
    rows, cols, ceiling = _candidates(scorer, rnd)
    for _ in range(ROUNDS):
        rows, cols, w = _scored(scorer, rows, cols)
        if not len(w):
            return None
        mentor_of, weight = _assign(rnd, rows, cols, w)
        duals = _duals(rnd, rows, cols, w, mentor_of, weight)
        if duals is None:
            return None
        u, v = duals
        if u.sum() + rnd.cap @ v > weight.sum() + TOL + 1e-12 * weight.sum():
            return None  # the potentials are not a certificate: trust the dense solver
        more = _violated(scorer, rnd, u, v, ceiling)
        if not len(more):
            return mentor_of, weight
        rows, cols = np.concatenate([rows, more[:, 0]]), np.concatenate([cols, more[:, 1]])
    return None


def _candidates(scorer: Scorer, rnd: _Round) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each mentee's best mentors, and her best score with any mentor left out (exact)."""
    k = min(CANDIDATES, rnd.n)
    step = scorer.rows_per_block(rnd.n)
    jitter = np.random.default_rng(0).random((min(step, rnd.m), rnd.n + SHIFTS))
    ceiling = np.zeros(rnd.m)
    rows, cols = [], []
    for b, i0 in enumerate(range(0, rnd.m, step)):
        i1 = min(rnd.m, i0 + step)
        block = scorer.block(i0, i1)
        off = (b * 389) % SHIFTS
        scale = JITTER * max(1.0, float(block.max(initial=0.0)))
        top = np.argpartition(block + scale * jitter[:i1 - i0, off:off + rnd.n],
                              rnd.n - k, axis=1)[:, rnd.n - k:]  # fmt: skip
        r = np.repeat(np.arange(i0, i1), k)
        c = top.ravel()
        rows.append(r)
        cols.append(c)
        if k < rnd.n:
            block[r - i0, c] = 0.0
            ceiling[i0:i1] = block.max(axis=1)
    return np.concatenate(rows), np.concatenate(cols), ceiling


def _scored(scorer: Scorer, rows: np.ndarray, cols: np.ndarray,
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """Unique allowed pairs with a positive score, scored exactly."""
    key = np.unique(rows * max(1, scorer.n) + cols)
    rows, cols = key // max(1, scorer.n), key % max(1, scorer.n)
    w, ok = scorer.pairs(rows, cols)
    keep = ok & (w > 0)
    return rows[keep], cols[keep], w[keep]


def _assign(rnd: _Round, rows: np.ndarray, cols: np.ndarray,
            w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """The best matching over the candidate pairs: mentor per mentee (-1) and its score."""
    # Each mentor becomes `capacity` places; each mentee also gets a place of her own that
    # means "unmatched", so a full matching always exists. Costs are shifted to be positive
    # (a missing entry means "no edge"); every mentee takes exactly one place, so the shift
    # does not change which matching is best.
    first = np.concatenate([[0], np.cumsum(rnd.cap)])
    places = int(first[-1])
    reps = rnd.cap[cols]
    within = np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
    big = float(w.max()) + 1.0
    graph = csr_matrix((
        np.concatenate([big - np.repeat(w, reps), np.full(rnd.m, big)]),
        (np.concatenate([np.repeat(rows, reps), np.arange(rnd.m)]),
         np.concatenate([np.repeat(first[cols], reps) + within, places + np.arange(rnd.m)])),
    ), shape=(rnd.m, places + rnd.m))  # fmt: skip
    r, c = min_weight_full_bipartite_matching(graph)
    mentor_of = np.full(rnd.m, -1, dtype=np.int64)
    real = c < places
    mentor_of[r[real]] = np.repeat(np.arange(rnd.n), rnd.cap)[c[real]]
    weight = np.zeros(rnd.m)
    key = rows * max(1, rnd.n) + cols  # sorted: `_scored` returns pairs in key order
    chosen = np.flatnonzero(mentor_of >= 0)
    weight[chosen] = w[np.searchsorted(key, chosen * max(1, rnd.n) + mentor_of[chosen])]
    return mentor_of, weight


def _duals(rnd: _Round, rows: np.ndarray, cols: np.ndarray, w: np.ndarray, mentor_of: np.ndarray,
           weight: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:  # fmt: skip
    """LP duals of the matching over the candidates, from residual-graph shortest paths.

    Nodes: mentees, mentors, a source s and a sink t. Arcs (cost): mentee -> mentor (-w) for
    every candidate; mentor -> mentee (+w) for a chosen pair; s -> unmatched mentee and
    matched mentee -> s (0); mentor with room -> t and t -> mentor with someone (0); t -> s and,
    once anyone is matched, s -> t (0). With d the distances from a root joined to every node,
    u_i = max(0, d_i - d_s) and v_j = max(0, d_s - d_j).
    """
    m, n = rnd.m, rnd.n
    s, t = m + n, m + n + 1
    chosen = np.flatnonzero(mentor_of >= 0)
    alone = np.flatnonzero(mentor_of < 0)
    load = np.bincount(mentor_of[chosen], minlength=n)
    room, busy = np.flatnonzero(load < rnd.cap), np.flatnonzero(load > 0)
    parts = [
        (rows, m + cols, -w),
        (m + mentor_of[chosen], chosen, weight[chosen]),
        (np.full(len(alone), s), alone, 0.0),
        (chosen, np.full(len(chosen), s), 0.0),
        (m + room, np.full(len(room), t), 0.0),
        (np.full(len(busy), t), m + busy, 0.0),
        (np.array([t] + [s] * bool(len(chosen))), np.array([s] + [t] * bool(len(chosen))), 0.0),
    ]
    tail = np.concatenate([np.asarray(p[0], dtype=np.int64) for p in parts])
    head = np.concatenate([np.asarray(p[1], dtype=np.int64) for p in parts])
    cost = np.concatenate([np.broadcast_to(np.asarray(p[2], dtype=float), len(p[0]))
                           for p in parts])  # fmt: skip
    order = np.argsort(head, kind="stable")
    tail, head, cost = tail[order], head[order], cost[order]
    into, start = np.unique(head, return_index=True)
    d = np.zeros(m + n + 2)
    for _ in range(MAX_PASSES):  # Bellman-Ford, every arc at once per pass
        best = np.minimum.reduceat(d[tail] + cost, start)
        better = best < d[into] - 1e-9
        if not better.any():
            break
        d[into[better]] = best[better]
    else:
        return None
    return np.maximum(0.0, d[:m] - d[s]), np.maximum(0.0, d[s] - d[m:m + n])


def _violated(scorer: Scorer, rnd: _Round, u: np.ndarray, v: np.ndarray,
              ceiling: np.ndarray) -> np.ndarray:  # fmt: skip
    """Pairs (mentee, mentor) with w > u + v: up to `ADD_PER_ROW` per mentee, the worst first."""
    # A mentee whose u_i + min(v) covers her best score outside the candidates needs no pricing.
    suspects = np.flatnonzero(ceiling > u + v.min(initial=0.0) + TOL)
    k = min(ADD_PER_ROW, rnd.n)
    found = []
    step = scorer.rows_per_block(rnd.n)
    for at in range(0, len(suspects), step):
        idx = suspects[at:at + step]
        block = scorer.rows(idx)
        block -= u[idx, None]
        block -= v[None, :]
        hot = np.flatnonzero(block.max(axis=1) > TOL)
        if not len(hot):
            continue
        top = np.argpartition(block[hot], rnd.n - k, axis=1)[:, rnd.n - k:]
        r, c = np.repeat(hot, k), top.ravel()
        bad = block[r, c] > TOL
        found.append(np.column_stack([idx[r[bad]], c[bad]]))
    return np.vstack(found) if found else np.empty((0, 2), dtype=np.int64)
