"""SkippedTime: monotonic time whose sleeps return at once and move the clock on instead."""

from __future__ import annotations

import threading
import time


class SkippedTime:
    """Monotonic time whose sleeps return at once and move the clock on by as much.

    The sandbox's rate limiter and the clients of the `client` fixture and the sign-up world
    share one: the bot's default pacing (45 requests per 10 s against the sandbox's 50) and
    its waits for a Retry-After or a project construction run exactly as they would, without
    the test waiting for them on the wall clock.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._skipped = 0.0

    def now(self) -> float:
        return time.monotonic() + self._skipped

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self._skipped += max(0.0, seconds)
