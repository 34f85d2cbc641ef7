"""Tables behind ThreadReader: watched threads, processed comments and listing high-water marks."""

from sqlalchemy import BigInteger, Boolean, Column, Integer, String, Table, Text

from bot.store.tables import UTCDateTime, metadata

# A Basecamp recording (message, schedule entry...) whose replies a feature reads.
# synced: its existing comments have been read once directly, so the cross-project
# listing (which only goes back to the high-water mark) can take over.
watched_threads = Table(
    "watched_threads",
    metadata,
    Column("recording_id", BigInteger, primary_key=True),
    Column("project_id", BigInteger, nullable=False, index=True),
    Column("kind", String(40), nullable=False),
    Column("key", String(255), nullable=False),
    Column("opened_at", UTCDateTime, nullable=False),
    Column("closed", Boolean, nullable=False, default=False),
    Column("synced", Boolean, nullable=False, default=False),
)

# The last state of each comment a handler has processed (so edits and trashing are
# noticed, and a handler can see what the reply said before).
seen_comments = Table(
    "seen_comments",
    metadata,
    Column("comment_id", BigInteger, primary_key=True),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("status", String(10), nullable=False),
    Column("parent_id", BigInteger, nullable=False, index=True),
    Column("creator_id", BigInteger, nullable=False),
    Column("processed_at", UTCDateTime, nullable=False),
    Column("error", Text, nullable=True),
)

# Per listing ("active" / "trashed"): how far back the next poll needs to page.
# verified: a poll well after high_water re-read the window behind it, so late commits
# have been seen and later polls page only down to high_water itself.
poll_marks = Table(
    "poll_marks",
    metadata,
    Column("listing", String(20), primary_key=True),
    Column("high_water", UTCDateTime, nullable=False),
    Column("verified", Boolean, nullable=False, default=False),
)

# Handler failures for one version of a reply, so a poisonous reply is given up on.
reply_failures = Table(
    "reply_failures",
    metadata,
    Column("comment_id", BigInteger, primary_key=True),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("error", Text, nullable=True),
)
