"""Sliding-window rate limiter, like Basecamp's 50 requests per 10 s per client."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable


class SlidingWindowLimiter:
    """Allow `requests` per `per_seconds` per key, on monotonic time (real unless given)."""

    def __init__(self, requests: int = 50, per_seconds: float = 10.0, enabled: bool = True,
                 *, clock: Callable[[], float] = time.monotonic):
        self.requests = requests
        self.per_seconds = per_seconds
        self.enabled = enabled
        self._clock = clock  # tests share one with the client's pacer (see tests/conftest.py)
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def configure(self, requests: int, per_seconds: float, enabled: bool = True) -> None:
        """Change the limits and forget past requests."""
        with self._lock:
            self.requests, self.per_seconds, self.enabled = requests, per_seconds, enabled
            self._hits.clear()

    def hit(self, key: str) -> int | None:
        """Count a request; return seconds to wait (Retry-After) when over the limit."""
        if not self.enabled:
            return None
        now = self._clock()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.per_seconds:
                hits.popleft()
            if len(hits) >= self.requests:
                # Rejected requests don't count; the client waits until the oldest expires.
                return max(1, math.ceil(hits[0] + self.per_seconds - now))
            hits.append(now)
            return None
