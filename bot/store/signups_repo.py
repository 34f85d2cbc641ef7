"""Reading and writing the sign-up tables (threads, replies, acknowledgements, staff actions)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from bot.store.signups_tables import (
    reply_questions,
    signup_acks,
    signup_replies,
    signup_staff_actions,
    signup_threads,
)


@dataclass(frozen=True)
class ThreadRow:
    """A sign-up thread as stored."""

    key: str
    recording_id: int
    project_id: int
    title: str
    rules: str
    subject: str
    announcement_html: str
    schedule_entry_id: int | None
    opened_at: datetime
    line: str | None
    line_version: int
    participants: str | None
    participants_version: int


@dataclass(frozen=True)
class ReplyRow:
    """One reply's current reading, as stored."""

    comment_id: int
    thread_key: str
    person_id: int
    name: str
    email: str | None
    sgid: str | None
    organisation: str | None
    org_known: bool
    created_at: datetime
    updated_at: datetime
    effective_at: datetime
    intent: str
    reasons: str
    referral: bool
    mentions: str
    app_url: str | None
    trashed: bool

    @property
    def reason_list(self) -> list[str]:
        """The reader's reasons, decoded."""
        return list(json.loads(self.reasons or "[]"))


@dataclass(frozen=True)
class AckRow:
    """The current acknowledgement of one reply."""

    comment_id: int
    thread_key: str
    label: str
    kind: str
    version: int
    item_id: int | None
    pending: bool


def _row(cls: type, row: Any) -> Any:
    return cls(**dict(row._mapping))


def save_thread(conn: Connection, values: dict[str, Any]) -> None:
    """Insert a thread, or refresh its rules and announcement (keeping the live-line state)."""
    exists = conn.execute(
        select(signup_threads.c.key).where(signup_threads.c.key == values["key"])
    ).first()
    if exists:
        keep = {k: v for k, v in values.items() if k not in ("key", "opened_at")}
        conn.execute(
            update(signup_threads).where(signup_threads.c.key == values["key"]).values(**keep)
        )
    else:
        conn.execute(
            insert(signup_threads).values(line_version=0, participants_version=0, **values)
        )


def thread(conn: Connection, key: str) -> ThreadRow | None:
    """The thread with this key."""
    row = conn.execute(select(signup_threads).where(signup_threads.c.key == key)).first()
    return _row(ThreadRow, row) if row else None


def thread_by_recording(conn: Connection, recording_id: int) -> ThreadRow | None:
    """The thread whose announcement is this recording."""
    row = conn.execute(
        select(signup_threads).where(signup_threads.c.recording_id == recording_id)
    ).first()
    return _row(ThreadRow, row) if row else None


def threads(conn: Connection) -> list[ThreadRow]:
    """Every sign-up thread."""
    rows = conn.execute(select(signup_threads).order_by(signup_threads.c.opened_at))
    return [_row(ThreadRow, r) for r in rows]


def update_thread(conn: Connection, key: str, **values: Any) -> None:
    """Change stored fields of a thread."""
    conn.execute(update(signup_threads).where(signup_threads.c.key == key).values(**values))


def replies(conn: Connection, key: str, include_trashed: bool = False) -> list[ReplyRow]:
    """The thread's replies in reply order."""
    q = select(signup_replies).where(signup_replies.c.thread_key == key)
    if not include_trashed:
        q = q.where(signup_replies.c.trashed.is_(False))
    rows = conn.execute(q.order_by(signup_replies.c.effective_at, signup_replies.c.comment_id))
    return [_row(ReplyRow, r) for r in rows]


def reply(conn: Connection, comment_id: int) -> ReplyRow | None:
    """One reply's stored reading (trashed or not)."""
    row = conn.execute(
        select(signup_replies).where(signup_replies.c.comment_id == comment_id)
    ).first()
    return _row(ReplyRow, row) if row else None


def save_reply(conn: Connection, values: dict[str, Any]) -> None:
    """Insert or replace one reply's reading."""
    conn.execute(delete(signup_replies).where(signup_replies.c.comment_id == values["comment_id"]))
    conn.execute(insert(signup_replies).values(**values))


def trash_reply(conn: Connection, comment_id: int) -> bool:
    """Mark a reply trashed; False if it was never read."""
    done = conn.execute(
        update(signup_replies).where(signup_replies.c.comment_id == comment_id).values(trashed=True)
    )
    return bool(done.rowcount)


def ack(conn: Connection, comment_id: int) -> AckRow | None:
    """The reply's acknowledgement record, if any."""
    row = conn.execute(select(signup_acks).where(signup_acks.c.comment_id == comment_id)).first()
    return _row(AckRow, row) if row else None


def acks(conn: Connection, key: str) -> dict[int, AckRow]:
    """Every acknowledgement record on a thread, by comment id."""
    rows = conn.execute(select(signup_acks).where(signup_acks.c.thread_key == key))
    return {r.comment_id: _row(AckRow, r) for r in rows}


def save_ack(conn: Connection, values: dict[str, Any]) -> None:
    """Insert or replace a reply's acknowledgement record."""
    conn.execute(delete(signup_acks).where(signup_acks.c.comment_id == values["comment_id"]))
    conn.execute(insert(signup_acks).values(**values))


def add_staff_action(conn: Connection, key: str, email: str, action: str, at: datetime) -> None:
    """Record a staff add or remove."""
    conn.execute(
        insert(signup_staff_actions).values(thread_key=key, email=email, action=action, at=at)
    )


def staff_actions(conn: Connection, key: str) -> list[tuple[int, str, str, datetime]]:
    """(id, email, action, at) for a thread, oldest first."""
    rows = conn.execute(
        select(signup_staff_actions)
        .where(signup_staff_actions.c.thread_key == key)
        .order_by(signup_staff_actions.c.at, signup_staff_actions.c.id)
    )
    return [(r.id, r.email, r.action, r.at) for r in rows]


@dataclass(frozen=True)
class QuestionRow:
    """A reply the bot could not read for sure, and its question."""

    comment_id: int
    feature: str
    thread_key: str
    thread_id: int
    person_id: int
    name: str
    email: str | None
    link: str | None
    asked_at: datetime
    question_id: int | None
    status: str
    answer: str | None
    answered_by: str | None
    not_english: bool


def question(conn: Connection, comment_id: int) -> QuestionRow | None:
    """The question asked about this reply, if any."""
    row = conn.execute(
        select(reply_questions).where(reply_questions.c.comment_id == comment_id)
    ).first()
    return _row(QuestionRow, row) if row else None


def questions(
    conn: Connection, feature: str | None = None, key: str | None = None, status: str | None = None
) -> list[QuestionRow]:
    """Questions, oldest first, filtered by feature, thread and status."""
    q = select(reply_questions)
    if feature is not None:
        q = q.where(reply_questions.c.feature == feature)
    if key is not None:
        q = q.where(reply_questions.c.thread_key == key)
    if status is not None:
        q = q.where(reply_questions.c.status == status)
    rows = conn.execute(q.order_by(reply_questions.c.asked_at, reply_questions.c.comment_id))
    return [_row(QuestionRow, r) for r in rows]


def save_question(conn: Connection, values: dict[str, Any]) -> None:
    """Insert or replace a question record."""
    conn.execute(
        delete(reply_questions).where(reply_questions.c.comment_id == values["comment_id"])
    )
    conn.execute(insert(reply_questions).values(**values))


def settle_question(conn: Connection, comment_id: int, **values: Any) -> None:
    """Mark a question answered or withdrawn."""
    conn.execute(
        update(reply_questions).where(reply_questions.c.comment_id == comment_id).values(**values)
    )
