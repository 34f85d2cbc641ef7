"""The worker starts without compiling the reader's cues or loading Jinja: both wait for use.

Each check runs in a fresh interpreter, since this test process has long since read replies
and rendered templates.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from bot.core.lazy_re import LazyPattern, lazy

REPO = Path(__file__).resolve().parents[2]
# The worker's imports and the feature modules it loads before its first poll.
START = ("import bot.worker\nfrom bot.jobs import planner, poll\n"
         "planner.load_features()\npoll.load_handlers()\n")  # fmt: skip
CUE_MODULES = ("bot.core.reader.event_cues", "bot.core.reader.negation", "bot.core.reader.events",
               "bot.core.mentoring_cues", "bot.core.ideas")  # fmt: skip
# How many lazy patterns the cue modules hold, and how many of them are compiled.
COUNT = f"""
import sys
from bot.core.lazy_re import LazyPattern
def patterns(value):
    if isinstance(value, LazyPattern):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from patterns(item)
    elif hasattr(value, "pattern") and isinstance(getattr(value, "pattern"), LazyPattern):
        yield value.pattern
found = [p for m in {CUE_MODULES!r} for v in vars(sys.modules[m]).values() for p in patterns(v)]
"""


def run(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60, cwd=REPO)  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def report(extra: str = "") -> str:
    return (START + "\n".join(f"import {m}" for m in CUE_MODULES) + COUNT + extra
            + "\nprint(__import__('json').dumps({'patterns': len(found), "
            "'compiled': sum(p.compiled for p in found), 'jinja2': 'jinja2' in sys.modules}))")


class TestWorkerStart:
    def test_starting_the_worker_compiles_no_cue_and_loads_no_jinja(self) -> None:
        got = run(report())
        assert got["patterns"] > 200  # the cue tables really are lazy patterns
        assert got["compiled"] == 0
        assert not got["jinja2"]

    def test_reading_a_reply_compiles_the_cues(self) -> None:
        # The guard above is only meaningful if reading really is where they compile.
        read = ("from bot.core.replies import classify\n"
                "classify('<div>Count me in please!</div>')\n")
        got = run(report(read))
        assert got["compiled"] > 100

    def test_rendering_a_post_loads_jinja(self) -> None:
        render = ("from bot.render import Renderer\n"
                  f"Renderer({str(REPO / 'templates')!r}).env\n")
        assert run(report(render))["jinja2"]


class TestLazyPattern:
    def test_it_finds_what_re_finds_and_compiles_on_first_use(self) -> None:
        source = r"\b(count|put) me (in|down)\b"
        pattern = lazy(source, re.IGNORECASE)
        assert isinstance(pattern, LazyPattern) and not pattern.compiled
        real = re.compile(source, re.IGNORECASE)
        text = "Please COUNT me in, and put me down for lunch"
        assert pattern.search(text).span() == real.search(text).span()
        assert pattern.compiled
        groups = [m.groups() for m in pattern.finditer(text)]
        assert groups == [m.groups() for m in real.finditer(text)]
        assert pattern.sub("-", text) == real.sub("-", text)
        assert (pattern.pattern, pattern.flags) == (real.pattern, real.flags)

    def test_a_bad_pattern_fails_when_used(self) -> None:
        pattern = lazy(r"(unclosed")
        try:
            pattern.search("x")
        except re.error:
            return
        raise AssertionError("a bad pattern was used without an error")
