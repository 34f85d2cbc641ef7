"""The planner job: posts whatever is due now, by calling each feature's `plan(ctx)`.

Features register at import time: `from bot.jobs.planner import PLANNERS; PLANNERS.append(plan)`.
One failing planner is logged and the others still run, so one bad event never stops a cycle.
A failure is one log line (the reason and the config entry to fix, no traceback: that is at
DEBUG) and the planner backs off, so a broken entry does not fill the log every cycle.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.jobs.context import JobContext

log = logging.getLogger(__name__)

Planner = Callable[["JobContext"], None]
PLANNERS: list[Planner] = []

# Job modules that register planners (here) and reply handlers (bot.jobs.poll.HANDLERS).
FEATURE_MODULES = ("signups", "cohorts", "events", "mentoring", "funding", "ideas",
                   "attendance", "digest")

BACKOFF_FIRST = timedelta(minutes=2)
BACKOFF_MAX = timedelta(hours=1)

# Which config file each planner's posts come from (for "fix ..." in the failure line).
CONFIG_FILES = {"events": "events.yaml", "cohorts": "cohorts.yaml",
                "mentoring": "mentoring.yaml", "signups": "events.yaml or cohorts.yaml"}
KEY_FILES = {"event": ("events.yaml", "events"), "cohort": ("cohorts.yaml", "cohorts"),
             "mentoring": ("mentoring.yaml", "mentoring")}


@dataclass
class Backoff:
    """A planner's failures in a row and when to try it again."""

    failures: int = 0
    next_try: datetime | None = None


# Per store: one worker keeps its store for life (ctx.at shares it), so its backoff survives
# cycles; a fresh process (tick, a rehearsal cycle) starts with a clean slate.
_BACKOFF: weakref.WeakKeyDictionary[Any, dict[str, Backoff]] = weakref.WeakKeyDictionary()


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
    """Call every registered planner once (unless backing off); return how many failed."""
    failures = 0
    states = _states(ctx)
    for plan in list(PLANNERS):
        name = _name(plan)
        if ctx.stopping():
            log.info("planner: stopping before %s (shutdown requested)", name)
            break
        state = states.setdefault(name, Backoff())
        now = getattr(ctx, "now", None)
        if state.next_try is not None and now is not None and now < state.next_try:
            log.debug("planner: %s backing off until %s", name, state.next_try.isoformat())
            continue
        try:
            plan(ctx)
        except Exception as err:
            from bot.jobs.poll import stops_cycle

            if stops_cycle(err):  # lost access or a long rate-limit ban: the others would too
                raise
            failures += 1
            state.failures += 1
            delay = min(BACKOFF_FIRST * 2 ** (state.failures - 1), BACKOFF_MAX)
            state.next_try = now + delay if now is not None else None
            log.error("planner: %s failed: %s. Fix: %s. Trying again in %s; carrying on "
                      "with the others.", _label(plan), reason(err),
                      config_entry(ctx, plan, err), _human(delay))
            log.debug("planner: %s failure detail", name, exc_info=True)
        else:
            if state.failures:
                log.info("planner: %s works again after %d failure(s)", _label(plan),
                         state.failures)
            states[name] = Backoff()
    return failures


def reason(err: BaseException) -> str:
    """The failure in one line: what went wrong, in the error's own words."""
    reasons = getattr(err, "reasons", None)
    if reasons:
        return "; ".join(f"{key} failed: {why}" for key, why in reasons.items())
    text = " ".join(str(err).split()) or type(err).__name__
    return f"{text} ({type(err).__name__})"


def config_entry(ctx: JobContext, plan: Planner, err: BaseException) -> str:
    """The config entry (file and key) that a person would edit to fix this failure."""
    config = getattr(ctx, "config", None)
    network = getattr(getattr(config, "network", None), "project", None)
    if network is not None and network.name in f"{err} {reason(err)}":
        return f"config/network.yaml, project (“{network.name}”), or that project in Basecamp"
    entries: list[str] = []
    for key in getattr(err, "keys", None) or []:
        prefix, _, rest = str(key).partition(":")
        if prefix in KEY_FILES and rest:
            file, section = KEY_FILES[prefix]
            entry = f"config/{file}, {section} entry “{rest.split(':')[0]}”"
            if entry not in entries:
                entries.append(entry)
    if entries:
        return "; ".join(entries)
    file = CONFIG_FILES.get(_feature(plan))
    return f"config/{file}" if file else "the config in config/"


def reset_backoff(ctx: JobContext) -> None:
    """Forget every planner's failures (e.g. after staff fixed the config)."""
    _states(ctx).clear()


def _states(ctx: JobContext) -> dict[str, Backoff]:
    try:
        return _BACKOFF.setdefault(ctx.store, {})
    except (AttributeError, TypeError):  # no weakly referable store: no memory across cycles
        return {}


def _human(delay: timedelta) -> str:
    minutes = int(delay.total_seconds() // 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}" if minutes < 60 else "1 hour"


def _label(plan: Planner) -> str:
    """'events' for a feature's planner, else the function's own name."""
    module = getattr(plan, "__module__", "") or ""
    if module.startswith("bot.jobs."):
        return _feature(plan)
    return getattr(plan, "__name__", repr(plan))


def _feature(plan: Planner) -> str:
    return getattr(plan, "__module__", "?").rpartition(".")[2]


def _name(plan: Planner) -> str:
    return f"{getattr(plan, '__module__', '?')}.{getattr(plan, '__qualname__', repr(plan))}"
