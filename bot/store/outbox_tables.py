"""The outbox table: one row per Basecamp write the bot has planned, keyed by a business fact."""

from sqlalchemy import BigInteger, Column, Integer, String, Table, Text

from bot.store.tables import UTCDateTime, metadata

# status: pending (committed before the request), done (Basecamp id recorded), failed
# (definitely rejected; not retried until someone resets it).
outbox = Table(
    "outbox",
    metadata,
    Column("key", String(255), primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("status", String(10), nullable=False),
    Column("target_id", BigInteger, nullable=True),
    Column("basecamp_id", BigInteger, nullable=True),
    Column("url", Text, nullable=True),
    Column("app_url", Text, nullable=True),
    Column("payload_digest", String(64), nullable=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("error", Text, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    # Real time a write went out without an answer: it may still commit, so the finder waits.
    Column("unsure_since", UTCDateTime, nullable=True),
)
