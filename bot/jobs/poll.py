"""The poll job: read changed replies on watched threads and hand each to its feature.

Features register a handler per thread kind::

    from bot.jobs.poll import register

    @register("signup")
    def handle_signup_reply(ctx: JobContext, change: ReplyChange) -> None: ...

A handler that raises for one reply is logged and that reply is retried next cycle; after
`MAX_ATTEMPTS` failures of the same version of a reply it is marked processed with the error,
so one poisonous reply cannot hold the others up for ever. Basecamp being unavailable
(`WriteOutcomeUnknown`, retryable errors) is not counted against the reply. Functions in
`AFTER_POLL` run once per cycle after the replies (each guarded the same way).
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.basecamp.errors import AccountInactive, AuthError, BasecampError
from bot.outbox import WriteOutcomeUnknown
from bot.threads import ReplyChange

if TYPE_CHECKING:
    from bot.jobs.context import JobContext

logger = logging.getLogger(__name__)

Handler = Callable[["JobContext", ReplyChange], Any]
HANDLERS: dict[str, Handler] = {}
# Run once after each poll's replies are handled (e.g. refresh each sign-up thread's line).
AFTER_POLL: list[Callable[[JobContext], Any]] = []
MAX_ATTEMPTS = 5
# Feature modules that register handlers when imported.
FEATURE_MODULES = (
    "bot.jobs.signups", "bot.jobs.events", "bot.jobs.mentoring", "bot.jobs.funding",
    "bot.jobs.ideas",
)


def register(kind: str) -> Callable[[Handler], Handler]:
    """Decorator: make `fn` the handler for replies on threads of `kind`."""

    def wrap(fn: Handler) -> Handler:
        HANDLERS[kind] = fn
        return fn

    return wrap


def load_handlers() -> None:
    """Import the feature modules that exist, so their handlers are registered."""
    for name in FEATURE_MODULES:
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name)


def _fatal(err: BaseException) -> bool:
    # Failures that are not about one reply: stop the cycle rather than blame every reply.
    return isinstance(err, AuthError | AccountInactive)


def _transient(err: BaseException) -> bool:
    # Basecamp being slow or flaky says nothing about the reply: retry without counting.
    if isinstance(err, WriteOutcomeUnknown):
        return True
    return isinstance(err, BasecampError) and (err.retryable or err.outcome_unknown)


@dataclass
class PollResult:
    """What one poll cycle did."""

    handled: int = 0
    failed: int = 0
    given_up: int = 0
    changes: list[ReplyChange] = field(default_factory=list)


def _describe(change: ReplyChange) -> str:
    # Ids only: never the reply's text, which is members' words and may be hostile.
    c = change.comment
    return (f"{change.change} reply {c.id} on {change.thread.kind} thread "
            f"{change.thread.recording_id}")


def poll(ctx: JobContext) -> PollResult:
    """Read reply changes and dispatch each to `HANDLERS[thread.kind]`."""
    log = getattr(ctx, "log", None) or logger
    result = PollResult()
    result.changes = ctx.reader.poll()
    for change in result.changes:
        handler = HANDLERS.get(change.thread.kind)
        try:
            if handler is None:
                raise LookupError(f"no handler registered for {change.thread.kind!r} threads")
            handler(ctx, change)
        except Exception as err:
            if _fatal(err):
                raise
            result.failed += 1
            reason = f"{type(err).__name__}: {str(err)[:200]}"
            if _transient(err):
                log.warning("poll: %s not handled yet (%s); will retry", _describe(change),
                            reason)
                continue
            attempts = ctx.reader.record_failure(change, reason)
            if attempts >= MAX_ATTEMPTS:
                ctx.reader.mark_processed(change, error=reason)
                result.given_up += 1
                log.error("poll: gave up on %s after %d attempts (%s)",
                          _describe(change), attempts, reason)
            else:
                log.warning("poll: %s failed, will retry (attempt %d of %d): %s",
                            _describe(change), attempts, MAX_ATTEMPTS, reason)
            continue
        ctx.reader.mark_processed(change)
        result.handled += 1
    ctx.reader.checkpoint()
    for hook in list(AFTER_POLL):
        try:
            hook(ctx)
        except Exception as err:
            if _fatal(err):
                raise
            log.exception("poll: after-poll step %s failed; will run again next cycle",
                          getattr(hook, "__name__", hook))
    if result.changes:
        log.info("poll: %d replies handled, %d failed, %d given up",
                 result.handled, result.failed, result.given_up)
    return result
