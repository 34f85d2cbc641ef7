"""Mentoring tables: replies as read, each person's end state, rounds' stages and pairs."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    Integer,
    String,
    Table,
    Text,
    delete,
    exists,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection

from bot.store.tables import UTCDateTime, metadata

STAGES = ("called", "matched", "approved", "introduced", "followed_up")

# A round's progress; absent until its call is posted.
mentoring_rounds = Table(
    "mentoring_rounds",
    metadata,
    Column("round_key", String(100), primary_key=True),
    Column("stage", String(20), nullable=False),
    Column("call_message_id", BigInteger),
    Column("call_project_id", BigInteger),
    Column("approval_message_id", BigInteger),
    Column("approved_by", String(255)),
    # The staff reply that approved: editing or trashing it before introductions withdraws it.
    Column("approval_comment_id", BigInteger),
    Column("updated_at", UTCDateTime, nullable=False),
)

# Every reply on a call thread, latest version (edits replace the HTML; trashing flags it).
mentoring_replies = Table(
    "mentoring_replies",
    metadata,
    Column("comment_id", BigInteger, primary_key=True),
    Column("round_key", String(100), nullable=False, index=True),
    Column("person_id", BigInteger, nullable=False),
    Column("html", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("trashed", Boolean, nullable=False, default=False),
)

# One person's end state in a round, recomputed from all her replies whenever one changes.
mentoring_people = Table(
    "mentoring_people",
    metadata,
    Column("round_key", String(100), primary_key=True),
    Column("person_id", BigInteger, primary_key=True),
    Column("name", String(255), nullable=False),
    Column("email", String(255)),
    Column("sgid", String(255)),
    Column("org", String(255)),
    Column("level", String(100)),
    Column("role", String(10), nullable=False),
    Column("offers", Text, nullable=False, default="[]"),  # JSON lists of topic names
    Column("wants", Text, nullable=False, default="[]"),
    Column("capacity", Integer, nullable=False, default=0),
    Column("preferences", Text, nullable=False, default="[]"),
    Column("carried_from", String(100)),  # unmatched in that earlier round, kept for this one
    Column("updated_at", UTCDateTime, nullable=False),
)

# Proposed pairs and what became of them.
mentoring_pairs = Table(
    "mentoring_pairs",
    metadata,
    Column("round_key", String(100), primary_key=True),
    Column("mentor_id", BigInteger, primary_key=True),
    Column("mentee_id", BigInteger, primary_key=True),
    Column("score", Float, nullable=False),
    Column("shared_topics", Text, nullable=False, default="[]"),
    Column("reasons", Text, nullable=False, default="[]"),
    Column("status", String(12), nullable=False),  # proposed | dropped | held | introduced
    Column("decided_by", BigInteger),  # the staff reply that dropped or held it
    Column("met", Boolean),  # None until a follow-up reply says
    Column("met_reply_id", BigInteger),
    Column("updated_at", UTCDateTime, nullable=False),
)


# ---- rounds -----------------------------------------------------------------------------------


def round_row(conn: Connection, round_key: str) -> Any:
    """The round's row, or None before its call is posted."""
    t = mentoring_rounds.c
    return conn.execute(select(mentoring_rounds).where(t.round_key == round_key)).first()


def set_round(conn: Connection, round_key: str, now: datetime, **values: Any) -> None:
    """Insert or update a round's row."""
    if round_row(conn, round_key) is None:
        values.setdefault("stage", "called")
        conn.execute(insert(mentoring_rounds).values(round_key=round_key, updated_at=now, **values))
    else:
        conn.execute(update(mentoring_rounds).where(mentoring_rounds.c.round_key == round_key)
                     .values(updated_at=now, **values))  # fmt: skip


def stage_at_least(row: Any, stage: str) -> bool:
    """Whether the round has reached `stage`."""
    return row is not None and STAGES.index(row.stage) >= STAGES.index(stage)


# ---- replies and people -----------------------------------------------------------------------


def save_reply(conn: Connection, *, comment_id: int, round_key: str, person_id: int, html: str,
               created_at: datetime, trashed: bool) -> None:  # fmt: skip
    """Insert or update one reply's latest version."""
    t = mentoring_replies.c
    values = dict(round_key=round_key, person_id=person_id, html=html, created_at=created_at,
                  trashed=trashed)  # fmt: skip
    query = update(mentoring_replies).where(t.comment_id == comment_id).values(**values)
    done = conn.execute(query)
    if not done.rowcount:
        conn.execute(insert(mentoring_replies).values(comment_id=comment_id, **values))


def has_reply(conn: Connection, comment_id: int) -> bool:
    """Whether a reply was ever stored (trashed or not)."""
    t = mentoring_replies.c
    return conn.execute(select(t.comment_id).where(t.comment_id == comment_id)).first() is not None


def person_reply_rows(conn: Connection, round_key: str, person_id: int) -> list[tuple[int, str]]:
    """A person's live replies in a round as (comment id, html), oldest first."""
    t = mentoring_replies.c
    rows = conn.execute(
        select(t.comment_id, t.html).where(t.round_key == round_key, t.person_id == person_id,
                                           ~t.trashed).order_by(t.created_at, t.comment_id)
    )  # fmt: skip
    return [(int(r.comment_id), r.html) for r in rows]


def person_replies(conn: Connection, round_key: str, person_id: int) -> list[str]:
    """A person's live replies in a round, oldest first."""
    t = mentoring_replies.c
    rows = conn.execute(
        select(t.html).where(t.round_key == round_key, t.person_id == person_id, ~t.trashed)
        .order_by(t.created_at, t.comment_id)
    )  # fmt: skip
    return [r.html for r in rows]


def save_person(conn: Connection, round_key: str, person_id: int, now: datetime,
                **values: Any) -> None:  # fmt: skip
    """Insert or update a person's end state; list values are stored as JSON."""
    for name in ("offers", "wants", "preferences"):
        if name in values:
            values[name] = json.dumps(list(values[name]))
    t = mentoring_people.c
    where = (t.round_key == round_key) & (t.person_id == person_id)
    done = conn.execute(update(mentoring_people).where(where).values(updated_at=now, **values))
    if not done.rowcount:
        conn.execute(insert(mentoring_people).values(
            round_key=round_key, person_id=person_id, updated_at=now, **values))  # fmt: skip


def people(conn: Connection, round_key: str) -> list[dict[str, Any]]:
    """Everyone with a reading in a round, as dicts with lists decoded."""
    t = mentoring_people.c
    rows = conn.execute(select(mentoring_people).where(t.round_key == round_key)
                        .order_by(t.person_id))  # fmt: skip
    return [_decode(r._asdict(), ("offers", "wants", "preferences")) for r in rows]


# ---- pairs ------------------------------------------------------------------------------------


def replace_pairs(conn: Connection, round_key: str, pairs: list[dict[str, Any]],
                  now: datetime) -> None:  # fmt: skip
    """Store a round's proposed pairs (replacing any earlier proposal)."""
    conn.execute(delete(mentoring_pairs).where(mentoring_pairs.c.round_key == round_key))
    for p in pairs:
        conn.execute(insert(mentoring_pairs).values(
            round_key=round_key, mentor_id=p["mentor_id"], mentee_id=p["mentee_id"],
            score=p["score"], shared_topics=json.dumps(list(p["shared_topics"])),
            reasons=json.dumps(list(p["reasons"])), status="proposed", updated_at=now,
        ))  # fmt: skip


def pairs(conn: Connection, round_key: str, status: str | None = None) -> list[dict[str, Any]]:
    """A round's pairs (optionally only those with `status`)."""
    t = mentoring_pairs.c
    query = select(mentoring_pairs).where(t.round_key == round_key)
    if status:
        query = query.where(t.status == status)
    rows = conn.execute(query.order_by(t.mentor_id, t.mentee_id))
    return [_decode(r._asdict(), ("shared_topics", "reasons")) for r in rows]


def set_pair(conn: Connection, round_key: str, mentor_id: int, mentee_id: int, now: datetime,
             **values: Any) -> None:  # fmt: skip
    """Update one pair."""
    t = mentoring_pairs.c
    conn.execute(update(mentoring_pairs)
                 .where(t.round_key == round_key, t.mentor_id == mentor_id,
                        t.mentee_id == mentee_id)
                 .values(updated_at=now, **values))  # fmt: skip


def undo_decisions(conn: Connection, round_key: str, comment_id: int, now: datetime) -> int:
    """Put pairs a staff reply dropped or held back to proposed (the reply was edited/trashed)."""
    t = mentoring_pairs.c
    done = conn.execute(update(mentoring_pairs)
                        .where(t.round_key == round_key, t.decided_by == comment_id,
                               t.status.in_(("dropped", "held")))
                        .values(status="proposed", decided_by=None, updated_at=now))  # fmt: skip
    return int(done.rowcount or 0)


def earlier_pairs(conn: Connection, round_key: str) -> set[tuple[int, int]]:
    """(mentor_id, mentee_id) introduced in any other round: never repeated."""
    t = mentoring_pairs.c
    rows = conn.execute(select(t.mentor_id, t.mentee_id)
                        .where(t.round_key != round_key, t.status == "introduced"))  # fmt: skip
    return {(r.mentor_id, r.mentee_id) for r in rows}


def unmatched_elsewhere(conn: Connection, round_key: str) -> list[dict[str, Any]]:
    """Mentees from other rounds who were left unmatched there (kept for the next round)."""
    p = mentoring_pairs.c
    matched = exists().where(p.mentee_id == mentoring_people.c.person_id, p.status == "introduced")
    closed = select(mentoring_rounds.c.round_key).where(
        mentoring_rounds.c.stage.in_(("introduced", "followed_up"))
    )
    t = mentoring_people.c
    rows = conn.execute(
        select(mentoring_people).where(
            t.round_key != round_key, t.role.in_(("mentee", "both")),
            t.round_key.in_(closed), ~matched,
        ).order_by(t.updated_at)
    )  # fmt: skip
    return [_decode(r._asdict(), ("offers", "wants", "preferences")) for r in rows]


def _decode(row: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    for name in names:
        row[name] = json.loads(row[name] or "[]")
    return row
