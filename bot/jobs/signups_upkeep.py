"""Sign-up thread upkeep: who staff added by email is in Basecamp, and when to stop watching.

Staff can give someone a place by email (config `staff_add`, `loti-bot signups --add`)
before they ever reply; the schedule entry lists them too when their email belongs to a
Basecamp person (one people listing per cycle, only when such an email is confirmed).

A sign-up thread is read until its event is over: after closing, replies still get their
"sign-ups have closed" answer and people holding a place can still withdraw. Once the event
has ended (schedule entry), or closing has passed on a thread with no entry, the thread is
unwatched so a year of past events adds nothing to each idle poll.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from bot.basecamp.errors import NotFound
from bot.config.signups import SignupRules
from bot.core.ledger import Ledger
from bot.jobs import asking
from bot.jobs.signups_state import cache_of
from bot.store import signups_repo as repo

if TYPE_CHECKING:
    from bot.jobs.context import JobContext

log = logging.getLogger(__name__)

# Late replies ("so sorry, only just seen this") still get a kind answer for a day after the
# event (or after closing when there is no event entry); then the thread is put to rest.
WATCH_AFTER_END = timedelta(days=1)


def people_by_email(ctx: JobContext) -> dict[str, int]:
    """Basecamp person ids by lower-cased email (one listing per cycle, then cached)."""
    cache = cache_of(ctx)
    if "people_by_email" not in cache:
        cache["people_by_email"] = {
            p.email_address.strip().lower(): p.id for p in ctx.client.people() if p.email_address
        }
    return cache["people_by_email"]


def participant_ids(ctx: JobContext, ledger: Ledger) -> list[int]:
    """Confirmed people's Basecamp ids, including people staff added by email only."""
    ids = {int(p.who.split(":", 1)[1]) for p in ledger.confirmed if p.who.startswith("person:")}
    emails = [p.who.split(":", 1)[1] for p in ledger.confirmed if p.who.startswith("email:")]
    if emails:
        known = people_by_email(ctx)
        for email in emails:
            if email.lower() in known:
                ids.add(known[email.lower()])
            else:
                log.info("signups: a staff-added email is not a Basecamp person yet")
    return sorted(ids)


def _as_datetime(value: datetime | date, ctx: JobContext) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.combine(value + timedelta(days=1), time(0), tzinfo=ctx.tz)  # all-day entry


def _event_end(ctx: JobContext, thread: repo.ThreadRow) -> datetime | None:
    """When the thread's event ends (its schedule entry), or None when there is no entry."""
    if thread.schedule_entry_id is None:
        return None
    cache = cache_of(ctx).setdefault("event_end", {})
    if thread.key not in cache:
        try:  # a conditional GET: a 304 on every cycle but the first
            entry = ctx.client.schedule_entry(thread.schedule_entry_id)
            cache[thread.key] = _as_datetime(entry.ends_at, ctx)
        except NotFound:  # the entry was deleted: fall back to closing time
            cache[thread.key] = None
    return cache[thread.key]


def finished(ctx: JobContext, thread: repo.ThreadRow, rules: SignupRules) -> bool:
    """True once nothing on the thread can change any more (the event is over)."""
    if rules.closes_at is None or ctx.now < rules.closes_at:
        return False  # still open: never spend a request on the entry
    end = _event_end(ctx, thread) or rules.closes_at
    return ctx.now >= end + WATCH_AFTER_END


def retire_if_finished(ctx: JobContext, thread: repo.ThreadRow, rules: SignupRules) -> bool:
    """Stop watching a thread whose event is over; True when it was retired."""
    if not finished(ctx, thread, rules):
        return False
    ctx.reader.unwatch(thread.recording_id)
    for q in asking.open_questions(ctx, "signup", thread.key):
        asking.settle(ctx, q, None, "thread closed")  # nobody waits on a finished event
    log.info("signups: %s: event over; no longer watching its replies", thread.key)
    return True
