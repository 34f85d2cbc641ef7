"""A ConditionalCache for the Basecamp client that survives restarts (the `http_cache` table).

Best effort: a cache that cannot be read or written costs a full GET, never a failed cycle.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from bot.basecamp.cache import CachedResponse
from bot.store.db import Store, upsert
from bot.store.tables import http_cache

log = logging.getLogger(__name__)


class DbCache:
    """ConditionalCache backed by the store; keyed by full URL (no token in it)."""

    def __init__(self, store: Store, clock: Callable[[], datetime] | None = None):
        self.store = store
        self.clock = clock or (lambda: datetime.now(UTC))

    def get(self, url: str) -> CachedResponse | None:
        """The cached response for this URL, if any."""
        try:
            with self.store.transaction() as conn:
                row = conn.execute(select(http_cache).where(http_cache.c.url == url)).first()
        except SQLAlchemyError as err:
            log.warning("http_cache: read failed (%s); fetching in full", err.__class__.__name__)
            return None
        if row is None:
            return None
        return CachedResponse(
            body=row.body,
            etag=row.etag,
            last_modified=row.last_modified,
            link=row.link,
            total_count=row.total_count,
        )

    def put(self, url: str, entry: CachedResponse) -> None:
        """Store (or replace) the cached response for this URL."""
        values = {**entry.to_dict(), "url": url, "stored_at": self.clock()}
        try:
            with self.store.transaction() as conn:
                upsert(conn, http_cache, values, ["url"])
        except SQLAlchemyError as err:
            log.warning("http_cache: write failed (%s); carrying on", err.__class__.__name__)
