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

Losing access is never the reply's fault: a 401 or 403, a 404 from a project the bot could
read moments ago (how Basecamp answers once the bot is removed), a long rate-limit ban or a
lost lease stop the cycle (the error is re-raised), the replies left unread
for next time and never counted towards giving up. On SIGTERM (`ctx.stopping()`) the poll
stops between replies.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import OperationalError

from bot.basecamp.errors import (
    AccountInactive,
    AuthError,
    BasecampError,
    Forbidden,
    NotFound,
    RateLimited,
)
from bot.outbox import AccessLost, WriteOutcomeUnknown
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


def stops_cycle(err: BaseException) -> bool:
    """True for failures that are not about one reply or one planned post (the planner too
    stops on them): access refused, a long rate-limit ban, a lost lease."""
    return _fatal(err)


def _fatal(err: BaseException) -> bool:
    # Failures that are not about one reply: stop the cycle rather than blame every reply.
    if isinstance(err, AccessLost):
        return err.status != 404  # a 404 may be one deleted item: see _project_gone
    if isinstance(err, RateLimited):
        return not err.retryable  # a long ban: end the step, carry on next cycle
    if isinstance(err, OperationalError) and "database is locked" in str(err):
        return True  # another process holds SQLite's write lock: nothing can be saved now
    return isinstance(err, AuthError | AccountInactive | Forbidden)


def _not_found(err: BaseException) -> bool:
    if isinstance(err, AccessLost):
        return err.status == 404
    return isinstance(err, NotFound)


def _project_gone(ctx: JobContext, change: ReplyChange) -> bool:
    """After a 404: True when the thread's project itself is no longer readable."""
    try:
        ctx.client.project(change.thread.project_id)
    except (NotFound, Forbidden, AuthError):
        return True
    except BasecampError:
        return True  # cannot tell now: safer to stop and look again next cycle
    return False


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
    stopping = getattr(ctx, "stopping", None) or (lambda: False)
    for change in result.changes:
        if stopping():
            log.info("poll: stopping between replies; the rest wait for the next run")
            break
        handler = HANDLERS.get(change.thread.kind)
        try:
            if handler is None:
                raise LookupError(f"no handler registered for {change.thread.kind!r} threads")
            handler(ctx, change)
        except Exception as err:
            if _fatal(err) or (_not_found(err) and _project_gone(ctx, change)):
                log.warning("poll: stopping the cycle at %s (%s); nothing is lost, it is "
                            "retried next cycle", _describe(change), type(err).__name__)
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
    if stopping():
        return result
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
