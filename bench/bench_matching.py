"""Print how long matching takes for 100, 1,000 and 5,000 people (random but realistic rounds).

Run: .venv/bin/python bench/bench_matching.py [sizes...]
"""

from __future__ import annotations

import random
import sys
import time

from bot.core.matching import Person, Rules, match

TOPICS = ("accessibility", "agile delivery", "ai", "budgeting", "career change", "cloud",
          "cyber security", "data analytics", "data engineering", "data protection",
          "data strategy", "digital inclusion", "leadership", "line management", "negotiation",
          "procurement", "product management", "public speaking", "returning from leave",
          "service design", "stakeholder management", "user research")  # fmt: skip
LEVELS = ("apprentice", "officer", "senior officer", "manager", "senior manager",
          "head of service", "assistant director", "director", "chief digital officer")  # fmt: skip
ORGS = tuple(f"borough-{i}" for i in range(33))


def people(n: int, rng: random.Random) -> list[Person]:
    """n members: about half mentees, a third mentors, the rest both."""
    out = []
    for pid in range(n):
        kind = rng.choices(["mentee", "mentor", "both"], weights=[5, 3, 2])[0]
        mentors = kind != "mentee"
        out.append(Person(
            pid, f"Member {pid}", rng.choice(ORGS), rng.choice((None, *LEVELS)),
            offers=frozenset(rng.sample(TOPICS, rng.randint(0, 3))) if mentors else frozenset(),
            wants=frozenset(rng.sample(TOPICS, rng.randint(0, 3)))
            if kind != "mentor" else frozenset(),
            capacity=rng.choice((1, 1, 2, 3)) if mentors else 0,
            mentee=kind != "mentor",
            preferences=frozenset(rng.sample(("other_org", "more_senior"), rng.randint(0, 1))),
        ))  # fmt: skip
    return out


def main(sizes: list[int]) -> None:
    """Time one match per size and print the figures."""
    rules = Rules(levels=LEVELS)
    for n in sizes:
        rng = random.Random(n)
        group = people(n, rng)
        previous = {(rng.randrange(n), rng.randrange(n)) for _ in range(n // 10)}
        start = time.perf_counter()
        result = match(group, rules, previous)
        took = time.perf_counter() - start
        mentees = sum(p.mentee for p in group)
        slots = sum(p.capacity for p in group)
        print(f"{n:>6} people ({mentees} mentees, {slots} mentor places): "
              f"{len(result.pairs)} pairs in {took:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 5000])
