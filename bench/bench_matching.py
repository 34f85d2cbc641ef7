"""Matching time and peak memory, the previous matcher against the current one.

Two kinds of round:
- shipped: realistic members (half mentees, a third mentors, the rest both; levels, topics,
  organisations, preferences) on the shipped rules, with a tenth as many earlier pairs;
- both: members who only said "happy to do both" (no level, no topics, capacity 1), which
  made the previous matcher branch thousands of times on the "never both ways" rule.

Each figure comes from a fresh process (numpy and scipy already imported, not timed), so the
peak memory is what that one match added. The previous matcher is bench/old_matching.py.
"dense" is the current matcher made to solve its relaxation with one dense assignment, as it
did before the sparse candidate graph (bot.core.matching_sparse); it is run on the rounds
large enough for the sparse path, below that the two are the same code.

Run: .venv/bin/python bench/bench_matching.py [--quick]
"""

from __future__ import annotations

import contextlib
import json
import random
import subprocess
import sys
import time
from pathlib import Path

TOPICS = ("accessibility", "agile delivery", "ai", "budgeting", "career change", "cloud",
          "cyber security", "data analytics", "data engineering", "data protection",
          "data strategy", "digital inclusion", "leadership", "line management", "negotiation",
          "procurement", "product management", "public speaking", "returning from leave",
          "service design", "stakeholder management", "user research")  # fmt: skip
LEVELS = ("apprentice", "officer", "senior officer", "manager", "senior manager",
          "head of service", "assistant director", "director", "chief digital officer")  # fmt: skip
ORGS = tuple(f"borough-{i}" for i in range(33))
HERE = Path(__file__).resolve().parent
CASES = [("shipped", 100), ("shipped", 1000), ("shipped", 5000), ("shipped", 10000),
         ("both", 60), ("both", 200), ("both", 5000), ("both", 10000)]  # fmt: skip
# The previous matcher branches on every both-ways clash: minutes to hours on these rounds,
# so it is not run on them; --quick also leaves out its 10,000-person round (a minute or more).
NEVER_OLD = {("both", 5000), ("both", 10000)}
SLOW_OLD = {("shipped", 10000)}


def people(n: int, rng: random.Random, person: type) -> list:
    """n members: about half mentees, a third mentors, the rest both."""
    out = []
    for pid in range(n):
        kind = rng.choices(["mentee", "mentor", "both"], weights=[5, 3, 2])[0]
        mentors = kind != "mentee"
        out.append(person(
            pid, f"Member {pid}", rng.choice(ORGS), rng.choice((None, *LEVELS)),
            offers=frozenset(rng.sample(TOPICS, rng.randint(0, 3))) if mentors else frozenset(),
            wants=frozenset(rng.sample(TOPICS, rng.randint(0, 3)))
            if kind != "mentor" else frozenset(),
            capacity=rng.choice((1, 1, 2, 3)) if mentors else 0,
            mentee=kind != "mentor",
            preferences=frozenset(rng.sample(("other_org", "more_senior"), rng.randint(0, 1))),
        ))  # fmt: skip
    return out


def all_both(n: int, rng: random.Random, person: type) -> list:
    """n members who are happy to do both, with nothing else said but their organisation."""
    return [person(pid, f"Member {pid}", rng.choice(ORGS), capacity=1, mentee=True)
            for pid in range(n)]  # fmt: skip


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


def one(which: str, kind: str, n: int) -> dict:
    """Run one match in this process; its time, peak memory added, and result."""
    if which == "old":
        sys.path.insert(0, str(HERE))
        import old_matching as m
    else:
        import bot.core.matching as m
        import bot.core.matching_solver as solver
        import bot.core.matching_sparse  # noqa: F401  (imports are not what we time)

        if which == "dense":
            solver.SPARSE_CELLS = 1 << 62
    import numpy  # noqa: F401
    import scipy.optimize  # noqa: F401

    rng = random.Random(n)
    group = (people if kind == "shipped" else all_both)(n, rng, m.Person)
    previous = ({(rng.randrange(n), rng.randrange(n)) for _ in range(n // 10)}
                if kind == "shipped" else set())  # fmt: skip
    rules = m.Rules(levels=LEVELS)
    with contextlib.suppress(OSError):  # reset the peak-RSS counter: this match's peak alone
        Path("/proc/self/clear_refs").write_text("5")
    rss = _status("VmRSS")
    start, cpu = time.perf_counter(), time.process_time()
    result = m.match(group, rules, previous)
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"seconds": took, "cpu": cpu, "peak_mb": max(0, _status("VmHWM") - rss) / 2**20,
            "pairs": len(result.pairs), "total": result.total,
            "exact": getattr(result, "exact", True), "gap": getattr(result, "gap", 0.0),
            "mentees": sum(p.mentee for p in group),
            "places": sum(p.capacity for p in group)}  # fmt: skip


def measure(which: str, kind: str, n: int) -> dict:
    """one() in a fresh interpreter."""
    out = subprocess.run([sys.executable, __file__, "--one", which, kind, str(n)],
                         capture_output=True, text=True, check=True, timeout=1800)  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(quick: bool) -> None:
    """Print one line per round: old and new time and peak memory, and the totals."""
    print("wall seconds (CPU seconds), peak MB added by the match; fresh process each")
    print(f"{'round':>8} {'people':>6} {'mentees':>7} {'places':>6} | {'old s (cpu)':>15} "
          f"{'old MB':>6} | {'dense s (cpu)':>13} {'MB':>4} | {'new s (cpu)':>13} {'new MB':>6} "
          f"{'exact':>5} {'gap':>4} | totals")  # fmt: skip
    for kind, n in CASES:
        new = measure("new", kind, n)
        dense = measure("dense", kind, n) if n >= 5000 else None
        skip = (kind, n) in NEVER_OLD or (quick and (kind, n) in SLOW_OLD)
        old = None if skip else measure("old", kind, n)
        same = "-" if old is None else ("equal" if abs(old["total"] - new["total"]) < 1e-6
                                        else f"old {old['total']:.0f} new {new['total']:.0f}")
        old_s = "skipped" if old is None else f"{old['seconds']:.2f} ({old['cpu']:.2f})"
        old_mb = "" if old is None else f"{old['peak_mb']:.0f}"
        new_s = f"{new['seconds']:.2f} ({new['cpu']:.2f})"
        dense_s = "-" if dense is None else f"{dense['seconds']:.2f} ({dense['cpu']:.2f})"
        dense_mb = "" if dense is None else f"{dense['peak_mb']:.0f}"
        if dense is not None:  # the sparse answer against the dense one
            same += "; dense equal" if abs(dense["total"] - new["total"]) < 1e-6 \
                else f"; dense {dense['total']:.0f}"  # fmt: skip
        print(f"{kind:>8} {n:>6} {new['mentees']:>7} {new['places']:>6} | {old_s:>15} "
              f"{old_mb:>6} | {dense_s:>13} {dense_mb:>4} | {new_s:>13} {new['peak_mb']:>6.0f} "
              f"{'yes' if new['exact'] else 'no':>5} {new['gap']:>4.0f} | {same}", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(one(sys.argv[2], sys.argv[3], int(sys.argv[4]))))
    else:
        main("--quick" in sys.argv)
