"""The sandbox's clock: real time plus an offset tests can move."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta


class SandboxClock:
    """A clock that runs in real time but can be set, advanced or frozen."""

    def __init__(self, start: datetime | None = None, frozen: bool = False) -> None:
        self._lock = threading.Lock()
        self._base = (start or datetime.now(UTC)).astimezone(UTC)
        self._mono = time.monotonic()
        self._frozen = frozen

    def now(self) -> datetime:
        """The sandbox's current time (aware, UTC)."""
        with self._lock:
            if self._frozen:
                return self._base
            return self._base + timedelta(seconds=time.monotonic() - self._mono)

    def set(self, when: datetime) -> None:
        """Jump to `when` (naive datetimes are taken as UTC)."""
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        with self._lock:
            self._base = when.astimezone(UTC)
            self._mono = time.monotonic()

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward (or back) by `delta`."""
        self.set(self.now() + delta)

    def freeze(self, frozen: bool = True) -> None:
        """Stop (or restart) the real-time component."""
        current = self.now()
        with self._lock:
            self._frozen = frozen
        self.set(current)

    def iso(self) -> str:
        """Now as Basecamp writes timestamps."""
        return iso(self.now())


def iso(when: datetime) -> str:
    """Format like Basecamp: ISO-8601, UTC, milliseconds and Z."""
    when = when.astimezone(UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def parse_iso(text: str) -> datetime:
    """Parse an ISO-8601 timestamp (Z or offset); naive means UTC."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
