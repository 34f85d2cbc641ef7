"""Conditional-GET cache: ETag/Last-Modified and the body they validate, per URL."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class CachedResponse:
    """What a 304 needs to be answered locally: validators, body and paging headers."""

    body: str
    etag: str | None = None
    last_modified: str | None = None
    link: str | None = None  # kept so paging through cached pages still finds rel="next"
    total_count: int | None = None

    def to_dict(self) -> dict:
        """Plain dict for storing in a database row."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> CachedResponse:
        """Rebuild from `to_dict` output (unknown keys ignored)."""
        fields = {"body", "etag", "last_modified", "link", "total_count"}
        return cls(**{k: v for k, v in data.items() if k in fields})


@runtime_checkable
class ConditionalCache(Protocol):
    """Where the client keeps validators; keyed by full URL (query included, no token)."""

    def get(self, url: str) -> CachedResponse | None:
        """The cached response for this URL, if any."""

    def put(self, url: str, entry: CachedResponse) -> None:
        """Store (or replace) the cached response for this URL."""


class MemoryCache:
    """In-process ConditionalCache with least-recently-used eviction."""

    def __init__(self, max_entries: int = 5000) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[str, CachedResponse] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, url: str) -> CachedResponse | None:
        """The cached response for this URL, if any."""
        with self._lock:
            entry = self._entries.get(url)
            if entry is not None:
                self._entries.move_to_end(url)
            return entry

    def put(self, url: str, entry: CachedResponse) -> None:
        """Store the response, evicting the least recently used beyond max_entries."""
        with self._lock:
            self._entries[url] = entry
            self._entries.move_to_end(url)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)
