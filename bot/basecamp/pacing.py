"""Client-side pacing so the bot stays under Basecamp's limit instead of meeting 429s."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

# Basecamp's usual first limit (API-NOTES §7: 50 requests per 10 seconds per IP address).
BASECAMP_LIMIT = (50, 10.0)
# We pace below it on purpose. The pacer counts when a request is SENT; Basecamp counts when
# it ARRIVES. Network jitter can bunch sends that were spread over 10 s into a window the
# server sees as slightly shorter (a slow request lands late, the next fast one on time), so
# pacing at exactly 50/10 s met boundary 429s (7 in a 500-reply burst). 10% headroom absorbs
# that jitter and costs ~10% throughput on long bursts only.
DEFAULT_MAX_REQUESTS = 45
DEFAULT_PER_SECONDS = 10.0


class Pacer:
    """Sliding-window limiter: at most `max_requests` starts in any `per_seconds` window."""

    def __init__(
        self,
        max_requests: int = DEFAULT_MAX_REQUESTS,
        per_seconds: float = DEFAULT_PER_SECONDS,
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


def default_pacer(
    time_scale: float = 1.0,
    *,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> Pacer:
    """The production pacing (45 per 10 s); time_scale < 1 shortens the window for tests."""
    return Pacer(DEFAULT_MAX_REQUESTS, DEFAULT_PER_SECONDS * time_scale, clock=clock, sleep=sleep)


class NoPacing:
    """A pacer that never waits (for the sandbox benchmark and unit tests)."""

    waited = 0.0

    def acquire(self) -> float:
        """Never wait."""
        return 0.0
