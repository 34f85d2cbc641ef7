"""Tables for the posting side: finished multi-step posts and unconference topic proposals."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, Column, String, Table, Text, insert, select, update
from sqlalchemy.engine import Connection

from bot.store.tables import UTCDateTime, metadata

# A planned post whose every step (message, schedule entry, sign-up thread...) has been done.
# Each step is exactly-once through the outbox; this row only saves re-checking finished work
# and records posts deliberately skipped (e.g. no "places left" nudge when the event is full).
planned_posts = Table(
    "planned_posts",
    metadata,
    Column("key", String(255), primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("outcome", String(20), nullable=False),  # posted | skipped
    Column("finished_at", UTCDateTime, nullable=False),
)

# One row per reply to an unconference call for topics (kept current on edit and trash).
unconference_topics = Table(
    "unconference_topics",
    metadata,
    Column("comment_id", BigInteger, primary_key=True),
    Column("event_key", String(255), nullable=False, index=True),
    Column("proposer_id", BigInteger, nullable=False),
    Column("proposer_name", String(255), nullable=False),
    Column("proposer_sgid", String(255)),
    Column("title", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("trashed", Boolean, nullable=False, default=False),
)


def finished_keys(conn: Connection, keys: list[str]) -> set[str]:
    """Which of `keys` are finished."""
    if not keys:
        return set()
    rows = conn.execute(select(planned_posts.c.key).where(planned_posts.c.key.in_(keys)))
    return {r.key for r in rows}


def mark_finished(conn: Connection, key: str, kind: str, outcome: str, now: datetime) -> None:
    """Record that planned post `key` needs nothing more."""
    if finished_keys(conn, [key]):
        return
    conn.execute(
        insert(planned_posts).values(key=key, kind=kind, outcome=outcome, finished_at=now)
    )


def save_topic(conn: Connection, *, comment_id: int, event_key: str, proposer_id: int,
               proposer_name: str, proposer_sgid: str | None, title: str,
               created_at: datetime, trashed: bool = False) -> None:
    """Insert or update one topic proposal."""
    values = dict(event_key=event_key, proposer_id=proposer_id, proposer_name=proposer_name,
                  proposer_sgid=proposer_sgid, title=title, created_at=created_at,
                  trashed=trashed)
    done = conn.execute(
        update(unconference_topics)
        .where(unconference_topics.c.comment_id == comment_id)
        .values(**values)
    )
    if done.rowcount == 0:
        conn.execute(insert(unconference_topics).values(comment_id=comment_id, **values))


def mark_trashed(conn: Connection, comment_id: int) -> None:
    """A proposal that is no longer on the thread."""
    conn.execute(update(unconference_topics)
                 .where(unconference_topics.c.comment_id == comment_id).values(trashed=True))


def topics_for(conn: Connection, event_key: str) -> list[dict]:
    """Live (not trashed) proposals for one occurrence, oldest first."""
    rows = conn.execute(
        select(unconference_topics)
        .where(unconference_topics.c.event_key == event_key)
        .where(unconference_topics.c.trashed.is_(False))
        .order_by(unconference_topics.c.created_at, unconference_topics.c.comment_id)
    )
    return [dict(r._mapping) for r in rows]
