"""Reply reader figures: time to read long hostile replies, how it grows, and the scores.

    .venv/bin/python bench/bench_reader.py            # timings and scores
    .venv/bin/python bench/bench_reader.py --scores   # scores only (dev corpus, fresh batches)
    PYTHONPATH=<main's tree> .venv/bin/python bench/bench_reader.py --scores   # old reader

Timings: one phrase repeated up to 50 KB, read by the event and the mentoring reader (best
of 5). Language detection is built in (word lists, no model), so it costs no load time and
no memory beyond the lists; importing bot.cli loads no language model.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reader_scores as rs

from bot.core.replies import ReplyContext, classify

PHRASES = ["count me in ", "Count me in! ", "I'd love to but can't. ", "yes please, ",
           "not sure ", "Is the +1 for a guest? ", "oh wait, actually ", "nope "]


def best_of(fn, runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def timings() -> None:
    from bot.core.mentoring import read_replies

    vocab = rs.shipped_vocabulary()
    ctx = ReplyContext("Lunch & learn — Thu 16 May, 1–2pm, online")
    print("50 KB reply of one phrase repeated (best of 5):")
    worst = 0.0
    for phrase in PHRASES:
        html = "<div>" + phrase * (50_000 // len(phrase)) + "</div>"
        event = best_of(lambda h=html: classify(h, None, ctx))
        mentor = best_of(lambda h=html: read_replies([h], vocab))
        worst = max(worst, event, mentor)
        print(f"  {phrase.strip()!r:28} event {event * 1000:6.1f} ms   "
              f"mentoring {mentor * 1000:6.1f} ms")
    shapes = {
        "a div per 'Count me in!'": "".join("<div>Count me in!</div>" for _ in range(2272)),
        "'yes please' lines (<br>)": "<div>" + "yes please<br>" * 3571 + "</div>",
        "'Yes! ' sentences": "<div>" + "Yes! " * 10_000 + "</div>",
        "'Count me in. ' sentences": "<div>" + "Count me in. " * 3846 + "</div>",
    }
    for label, html in shapes.items():
        event = best_of(lambda h=html: classify(h, None, ctx))
        mentor = best_of(lambda h=html: read_replies([h], vocab))
        worst = max(worst, event, mentor)
        print(f"  {label:28} event {event * 1000:6.1f} ms   mentoring {mentor * 1000:6.1f} ms")
    print(f"  worst: {worst * 1000:.1f} ms (goal < 100 ms; main's reader took 1.4 s to 234 s "
          "on these shapes: 54 s for the <br> lines, 234 s for the 'Yes! ' sentences)")
    print("growth with length ('count me in ' repeated), event reader:")
    for size in (500, 1_000, 2_000, 3_000, 10_000, 50_000):
        html = "<div>" + "count me in " * (size // 12) + "</div>"
        print(f"  {size:>6} chars: {best_of(lambda h=html: classify(h, None, ctx)) * 1000:6.2f} ms")
    ordinary = ["<div>Count me in!</div>", "<div>Sadly not this time</div>",
                "<div>Tak, chętnie przyjdę</div>", "<div>Is it recorded?</div>"]
    per = best_of(lambda: [classify(h, None, ctx) for h in ordinary], 20) / len(ordinary)
    print(f"ordinary reply: {per * 1e6:.0f} µs each")
    tracemalloc.start()
    classify("<div>Da, vin cu drag!</div>", None, ctx)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"language check: built-in word lists, peak {peak / 1024:.0f} KiB for a non-English "
          "reply, no model to load (lingua not used)")


def scores() -> None:
    vocab = rs.shipped_vocabulary()
    for label, path in [("dev", rs.DEV), *[(p.stem, p) for p in rs.FRESH]]:
        print(rs.score_events(rs.load(path, "event")).line(label))
        print(rs.score_mentoring(rs.load(path, "mentoring"), vocab).line(label))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scores", action="store_true", help="scores only")
    args = parser.parse_args()
    if not args.scores:
        timings()
    scores()


if __name__ == "__main__":
    main()
