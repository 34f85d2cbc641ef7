"""The planner job: posts whatever is due now, by calling each feature's `plan(ctx)`.

Features register at import time: `from bot.jobs.planner import PLANNERS; PLANNERS.append(plan)`.
One failing planner is logged and the others still run, so one bad event never stops a cycle.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.jobs.context import JobContext

log = logging.getLogger(__name__)

Planner = Callable[["JobContext"], None]
PLANNERS: list[Planner] = []

# Job modules that register planners (here) and reply handlers (bot.jobs.poll.HANDLERS).
FEATURE_MODULES = ("signups", "cohorts", "events", "mentoring", "funding", "ideas", "digest")


def load_features() -> list[str]:
    """Import every feature job module that exists, so its planner and handlers register."""
    loaded = []
    for name in FEATURE_MODULES:
        module = f"bot.jobs.{name}"
        if importlib.util.find_spec(module) is not None:
            importlib.import_module(module)
            loaded.append(name)
    return loaded


def run(ctx: JobContext) -> int:
    """Call every registered planner once; return how many failed."""
    failures = 0
    for plan in list(PLANNERS):
        if ctx.stopping():
            log.info("planner: stopping before %s (shutdown requested)", _name(plan))
            break
        try:
            plan(ctx)
        except Exception:
            failures += 1
            log.exception("planner: %s failed; carrying on with the others", _name(plan))
    return failures


def _name(plan: Planner) -> str:
    return f"{getattr(plan, '__module__', '?')}.{getattr(plan, '__qualname__', repr(plan))}"
