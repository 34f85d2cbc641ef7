"""Tables for the programme (issue 13): borough funding requests and members' ideas."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, Integer, String, Table, Text

from bot.store.tables import UTCDateTime, metadata

# One row per person an organisation's confirmer was asked to fund (never asked twice).
funding_requests = Table(
    "funding_requests",
    metadata,
    Column("thread_key", String(255), primary_key=True),
    Column("person_id", BigInteger, primary_key=True),
    Column("name", String(255), nullable=False),
    Column("sgid", String(255)),
    Column("organisation", String(100), nullable=False),
    Column("confirmer_email", String(255), nullable=False),
    Column("message_id", BigInteger, index=True),
    Column("status", String(20), nullable=False),  # asked | yes | no
    Column("asked_at", UTCDateTime, nullable=False),
    Column("decided_at", UTCDateTime),
    Column("answer_comment_id", BigInteger),
)

# One row per reply to an ideas call that proposes something (kept current on edit/trash).
ideas = Table(
    "ideas",
    metadata,
    Column("comment_id", BigInteger, primary_key=True),
    Column("round_key", String(255), nullable=False, index=True),
    Column("number", Integer, nullable=False),  # stable within the round: "take up 3"
    Column("proposer_id", BigInteger, nullable=False),
    Column("proposer_name", String(255), nullable=False),
    Column("proposer_sgid", String(255)),
    Column("title", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("trashed", Boolean, nullable=False, default=False),
    Column("state", String(20), nullable=False, default="open"),  # open | taken_up
    Column("taken_up_at", UTCDateTime),
)

# Votes for ideas and unconference topics: "+1" / "me too" replies ("comment:<id>") and
# boosts ("boost:<id>", refreshed from Basecamp when a digest is drawn up).
idea_votes = Table(
    "idea_votes",
    metadata,
    Column("ref", String(40), primary_key=True),
    Column("round_key", String(255), nullable=False, index=True),
    Column("idea_comment_id", BigInteger, nullable=False),
    Column("voter_id", BigInteger, nullable=False),
    Column("trashed", Boolean, nullable=False, default=False),
)
