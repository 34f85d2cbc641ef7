"""Attendance: the "boost this if you came" call after an event, and reading its boosts.

The call is posted by the events planner (outbox key `<occurrence key>:attendance-call`) and
recorded in `attendance_calls`. Each planner pass then reads the boosts on every call still
open (one GET each, at most hourly, for `core.attendance.READ_DAYS` after the event) into
`attendance`.
Staff can also mark someone by hand (`loti-bot signups KEY --attended EMAIL`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, delete, insert, select, update

from bot.core.attendance import Attendance, attendees, call_key, read_due, reading_open
from bot.jobs import planner
from bot.store.attendance_tables import attendance, attendance_calls

if TYPE_CHECKING:
    from bot.jobs.context import JobContext


def post_call(ctx: JobContext, event_key: str, message_id: int, ends_at: datetime,
              body: str) -> str | None:
    """Comment on the announcement thread once, and remember where the boosts will be."""
    done = ctx.outbox.create_comment(call_key(event_key), message_id, body)
    if done is None:  # dry run
        return None
    with ctx.store.transaction() as conn:
        known = conn.execute(select(attendance_calls.c.event_key)
                             .where(attendance_calls.c.event_key == event_key)).first()
        if known is None:  # a rerun after a crash finds the comment done and the row missing
            conn.execute(insert(attendance_calls).values(
                event_key=event_key, comment_id=int(done.id), event_ends_at=ends_at,
                posted_at=ctx.now))
    return "posted"


def read_calls(ctx: JobContext) -> None:
    """Count who boosted each open call: distinct people, never the bot."""
    with ctx.store.transaction() as conn:
        calls = list(conn.execute(select(attendance_calls)))
    for call in calls:
        if not reading_open(call.event_ends_at, ctx.now):
            continue  # the count is final
        if not read_due(call.read_at, ctx.now):
            continue
        boosts = list(ctx.client.boosts(call.comment_id))
        people = {b.booster.id: b.booster for b in boosts if b.booster is not None}
        came = attendees(people, ctx.me.id)
        if ctx.dry_run:
            continue
        save_boosters(ctx, call.event_key, {i: people[i] for i in came})


def save_boosters(ctx: JobContext, event_key: str, people: dict[int, Any]) -> None:
    """Make the boost rows match the boosts now (an un-boost takes someone off)."""
    a = attendance.c
    keys = {f"id:{i}" for i in people}
    with ctx.store.transaction() as conn:
        have = {r.person_key for r in conn.execute(
            select(a.person_key).where(and_(a.event_key == event_key, a.source == "boost")))}
        gone = have - keys
        if gone:
            conn.execute(delete(attendance).where(and_(a.event_key == event_key,
                                                       a.person_key.in_(gone))))
        for pid, person in people.items():
            if f"id:{pid}" in have:
                continue
            conn.execute(insert(attendance).values(
                event_key=event_key, person_key=f"id:{pid}", name=person.name or "",
                email=(person.email_address or "").lower() or None, source="boost",
                recorded_at=ctx.now))
        conn.execute(update(attendance_calls).where(attendance_calls.c.event_key == event_key)
                     .values(read_at=ctx.now))


def mark(store: Any, event_key: str, email: str, name: str, now: datetime) -> bool:
    """Staff mark someone as having come; False if they were already marked."""
    a = attendance.c
    email = email.strip().lower()
    with store.transaction() as conn:
        if conn.execute(select(a.person_key).where(
                and_(a.event_key == event_key, a.email == email))).first() is not None:
            return False
        conn.execute(insert(attendance).values(
            event_key=event_key, person_key=f"email:{email}", name=name, email=email,
            source="staff", recorded_at=now))
    return True


def summary(conn: Any, event_key: str) -> Attendance:
    """Who came to one occurrence: distinct people (a boost and a staff mark count once)."""
    a = attendance.c
    rows = list(conn.execute(select(a.person_key, a.email).where(a.event_key == event_key)))
    called = conn.execute(select(attendance_calls.c.event_key)
                          .where(attendance_calls.c.event_key == event_key)).first()
    people = {r.email or r.person_key for r in rows}
    return Attendance(recorded=called is not None or bool(rows), attended=len(people))


if read_calls not in planner.PLANNERS:
    planner.PLANNERS.append(read_calls)
