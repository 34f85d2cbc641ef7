"""Reading cost grows linearly with the reply: a deterministic work count, not a timer.

Work is the number of Python lines the reader executes (sys.settrace), so a per-cue search
of the whole text, or a loop over every cue for each cue, shows up as quadratic growth.
Wall-clock figures for a 50 KB reply are in bench/bench_reader.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import bot
from bot.core.mentoring import read_replies
from bot.core.reader.clean import MAX_TEXT
from bot.core.reader.negation import WINDOW
from bot.core.replies import ReplyContext, classify

BOT = str(Path(bot.__file__).parent)
PHRASES = [
    "count me in", "yes please!", "I'd love to but can't.", "not sure", "can't make it,",
    "Is the +1 for a guest?", "oh wait, actually", "my colleague would love this",
    "backing out, sorry.", "nothing could keep me away", "maybe", "I'm not not coming",
    "thanks", "👍", "happy to mentor on cloud", "mentee please",
]


def work(call) -> int:
    """Lines executed inside the bot package while running call()."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if not frame.f_code.co_filename.startswith(BOT):
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        call()
    finally:
        sys.settrace(None)
    return count


def growth(read, phrase: str, n: int) -> tuple[int, int]:
    """(work added from n to 2n copies, work added from 2n to 4n copies)."""
    texts = [" ".join([phrase] * k) for k in (n, 2 * n, 4 * n)]
    for t in texts:  # warm caches, so only the reading itself is counted
        read(t)
    w1, w2, w4 = (work(lambda t=t: read(t)) for t in texts)
    return w2 - w1, w4 - w2


def _event(text: str) -> None:
    classify(f"<div>{text}</div>", None, ReplyContext("Talk — Thu 2pm, online"))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(PHRASES), min_size=1, max_size=3), st.integers(1, 12))
def test_event_reading_grows_linearly(parts: list[str], n: int) -> None:
    phrase = " ".join(parts)
    # from past the rules' fixed window (WINDOW) to below the read limit (MAX_TEXT)
    low = -(-(WINDOW + 10) // (len(phrase) + 1))
    n = max(low, min(n, (MAX_TEXT - 10) // (4 * (len(phrase) + 1))))
    first, second = growth(_event, phrase, max(n, 1))
    # linear: doubling again adds about the same again (x2 in total); quadratic: x4
    assert second <= 2.6 * first + 200, (phrase, first, second)


def test_mentoring_reading_grows_linearly() -> None:
    from bench.reader_scores import shipped_vocabulary

    vocab = shipped_vocabulary()

    def read(text: str) -> None:
        read_replies([f"<div>{text}</div>"], vocab)

    for phrase in ("happy to mentor on cloud and AI,", "I'd like a mentor for leadership."):
        first, second = growth(read, phrase, 12)
        assert second <= 2.6 * first + 200, (phrase, first, second)


def test_the_check_catches_a_quadratic_reader() -> None:
    """The check can fail: code that rescans the text for every word grows x4."""
    code = compile(
        "def rescan(text):\n    words = text.split()\n    for w in words:\n"
        "        for _ in words:\n            _ = w\n",
        f"{BOT}/_fake.py", "exec")  # counted as bot code
    scope: dict = {}
    exec(code, scope)
    w1, w2, w4 = (work(lambda k=k: scope["rescan"]("x " * k)) for k in (40, 80, 160))
    assert w4 - w2 > 2.6 * (w2 - w1) + 200


def test_many_lines_and_sentences_grow_linearly() -> None:
    """The shapes that took main's reader 54 s (<br> lines) and 234 s ("Yes! " sentences)."""
    shapes = [
        lambda k: "<div>" + "yes please<br>" * k + "</div>",
        lambda k: "<div>" + "Yes! " * k + "</div>",
        lambda k: "".join("<div>Count me in!</div>" for _ in range(k)),
    ]
    for shape in shapes:
        ws = [work(lambda k=k, shape=shape: classify(shape(k), None, ReplyContext()))
              for k in (50, 100, 200)]
        assert ws[2] - ws[1] <= 2.6 * (ws[1] - ws[0]) + 200, ws
