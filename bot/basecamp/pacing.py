"""Client-side pacing so the bot stays under Basecamp's limit instead of meeting 429s."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class Pacer:
    """Sliding-window limiter: at most `max_requests` starts in any `per_seconds` window."""

    def __init__(
        self,
        max_requests: int = 50,
        per_seconds: float = 10.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if max_requests < 1 or per_seconds <= 0:
            raise ValueError("pacing needs max_requests >= 1 and per_seconds > 0")
        self.max_requests = max_requests
        self.per_seconds = per_seconds
        self._clock = clock
        self._sleep = sleep
        self._starts: deque[float] = deque()
        self._lock = threading.Lock()
        self.waited = 0.0  # total seconds spent waiting, for benchmarks

    def acquire(self) -> float:
        """Block until one more request fits in the window; return the seconds waited."""
        waited = 0.0
        with self._lock:
            while True:
                now = self._clock()
                while self._starts and now - self._starts[0] >= self.per_seconds:
                    self._starts.popleft()
                if len(self._starts) < self.max_requests:
                    self._starts.append(now)
                    self.waited += waited
                    return waited
                delay = self._starts[0] + self.per_seconds - now
                self._sleep(delay)
                waited += delay


class NoPacing:
    """A pacer that never waits (for the sandbox benchmark and unit tests)."""

    waited = 0.0

    def acquire(self) -> float:
        """Never wait."""
        return 0.0
