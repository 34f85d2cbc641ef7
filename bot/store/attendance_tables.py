"""Tables for attendance: each occurrence's "did you come?" call, and who came."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, String, Table

from bot.store.tables import UTCDateTime, metadata

# One row per attendance call posted (its comment is where members boost "I came").
attendance_calls = Table(
    "attendance_calls",
    metadata,
    Column("event_key", String(255), primary_key=True),
    Column("comment_id", BigInteger, nullable=False),
    Column("event_ends_at", UTCDateTime, nullable=False),
    Column("posted_at", UTCDateTime, nullable=False),
    Column("read_at", UTCDateTime),  # last time its boosts were read
)

# One row per person who came: from a boost on the call, or marked by staff.
attendance = Table(
    "attendance",
    metadata,
    Column("event_key", String(255), primary_key=True),
    Column("person_key", String(255), primary_key=True),  # "id:<basecamp id>" or "email:<addr>"
    Column("name", String(255), nullable=False),
    Column("email", String(255)),  # lower-case; counts a boost and a staff mark as one person
    Column("source", String(20), nullable=False),  # boost | staff
    Column("recorded_at", UTCDateTime, nullable=False),
)
