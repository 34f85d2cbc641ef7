"""SQLAlchemy Core metadata and the frame's tables.

Feature tables live in `bot/store/<part>_tables.py` on this same `metadata`; they are imported
at the bottom of this module so Alembic (and `metadata.create_all`) see every table.
"""

from __future__ import annotations

import importlib
import importlib.util
from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)

# Stable constraint names, so Alembic migrations are identical on SQLite and PostgreSQL.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime on every backend (SQLite drops the zone; this puts it back)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass an aware datetime")
        value = value.astimezone(UTC)
        # SQLite stores text: keep it naive-UTC so string comparison orders correctly.
        return value.replace(tzinfo=None) if getattr(dialect, "name", "") == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# Conditional GET cache for the Basecamp client (one row per URL; bodies are JSON text).
http_cache = Table(
    "http_cache",
    metadata,
    Column("url", String(2048), primary_key=True),
    Column("etag", String(512)),
    Column("last_modified", String(64)),
    Column("body", Text, nullable=False),
    Column("link", Text),  # the Link header, so cached pages still know their next page
    Column("total_count", Integer),  # X-Total-Count, if Basecamp sent one
    Column("stored_at", UTCDateTime, nullable=False),
)

# OAuth tokens after a refresh (Basecamp may rotate the refresh token: keep whichever came back).
tokens = Table(
    "tokens",
    metadata,
    Column("name", String(64), primary_key=True),  # "basecamp"
    Column("access_token", Text, nullable=False),
    Column("refresh_token", Text),
    Column("updated_at", UTCDateTime, nullable=False),
    # Digest of the environment's token pair this refresh descends from: when staff set new
    # tokens in the environment (re-authorised), they win over this stored pair.
    Column("env_digest", String(64), nullable=True),
)

# One worker at a time: the holder renews its lease every cycle; another takes over on expiry.
worker_lease = Table(
    "worker_lease",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("holder", String(200), nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)

# Tables owned by other parts: imported if the module exists, so each part can land separately.
_TABLE_MODULES = (
    "outbox_tables",
    "threads_tables",
    "signups_tables",
    "events_tables",
    "mentoring_tables",
    "status_tables",
    "programme_tables",
    "attendance_tables",
)
for _name in _TABLE_MODULES:
    if importlib.util.find_spec(f"bot.store.{_name}") is not None:
        importlib.import_module(f"bot.store.{_name}")
