"""Fault injection: scripted statuses, random 5xx, dropped connections, slowness."""

from __future__ import annotations

import random
import re
import threading
from dataclasses import dataclass, field


@dataclass
class _Rule:
    """Which requests a fault applies to (None means any)."""

    methods: tuple[str, ...] | None = None
    path: re.Pattern[str] | None = None

    def matches(self, method: str, path: str) -> bool:
        if self.methods is not None and method.upper() not in self.methods:
            return False
        return self.path is None or bool(self.path.search(path))


def _rule(methods, path) -> _Rule:
    methods = tuple(m.upper() for m in methods) if methods else None
    return _Rule(methods, re.compile(path) if path else None)


@dataclass
class _Scripted:
    status: int
    retry_after: int | None
    rule: _Rule


@dataclass
class Faults:
    """Faults the sandbox injects into API requests (never into /__sandbox control)."""

    seed: int = 0
    inactive: bool = False
    _scripted: list[_Scripted] = field(default_factory=list)
    _error_rate: float = 0.0
    _error_rule: _Rule = field(default_factory=_Rule)
    _drops: int = 0
    _drop_rule: _Rule = field(default_factory=_Rule)
    _slow: float = 0.0
    _slow_rule: _Rule = field(default_factory=_Rule)
    _denied: list[tuple[int, _Rule]] = field(default_factory=list)
    _late: list[tuple[float, _Rule]] = field(default_factory=list)
    _late_timers: list[threading.Timer] = field(default_factory=list)
    _held: list = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)

    def script(self, statuses, retry_after: int | None = 0, methods=None, path=None) -> Faults:
        """Answer the next matching requests with these statuses, in order."""
        rule = _rule(methods, path)
        with self._lock:
            self._scripted.extend(_Scripted(int(s), retry_after, rule) for s in statuses)
        return self

    def error_rate(self, share: float, methods=None, path=None, seed: int | None = None) -> Faults:
        """Fail this share of matching requests with a random 500/502/503/504."""
        with self._lock:
            self._error_rate, self._error_rule = share, _rule(methods, path)
            if seed is not None:
                self._random = random.Random(seed)
        return self

    def drop_after_commit(self, n: int = 1, methods=("POST",), path=None) -> Faults:
        """Apply the next n matching writes, then close the socket without answering."""
        with self._lock:
            self._drops, self._drop_rule = n, _rule(methods, path)
        return self

    def slow(self, seconds: float, methods=None, path=None) -> Faults:
        """Delay matching responses by `seconds`."""
        with self._lock:
            self._slow, self._slow_rule = seconds, _rule(methods, path)
        return self

    def commit_late(self, seconds: float, n: int = 1, methods=("POST",), path=None) -> Faults:
        """Lose the answer to the next n matching writes and apply each `seconds` later
        (seconds < 0: hold each until `release_late()`, for tests that keep their own time)."""
        rule = _rule(methods, path)
        with self._lock:
            self._late.extend((float(seconds), rule) for _ in range(n))
        return self

    def deny(self, status: int, methods=None, path=None) -> Faults:
        """Answer matching requests with `status` (401, 403, 404) until cleared: lost access."""
        with self._lock:
            self._denied.append((int(status), _rule(methods, path)))
        return self

    def allow(self) -> Faults:
        """End every `deny`: access is back."""
        with self._lock:
            self._denied.clear()
        return self

    def account_inactive(self, inactive: bool = True) -> Faults:
        """Answer every API call with 404 and `Reason: Account Inactive`."""
        self.inactive = inactive
        return self

    def clear(self) -> Faults:
        """Remove every fault."""
        with self._lock:
            self._scripted.clear()
            self._error_rate = 0.0
            self._drops = 0
            self._slow = 0.0
            self._late.clear()
            self._denied.clear()
            self.inactive = False
        return self

    # --- used by the server -------------------------------------------------------
    def take_scripted(self, method: str, path: str) -> _Scripted | None:
        """The scripted fault for this request, if one is due."""
        with self._lock:
            for i, item in enumerate(self._scripted):
                if item.rule.matches(method, path):
                    return self._scripted.pop(i)
        return None

    def random_error(self, method: str, path: str) -> int | None:
        """A random 5xx status for this request, or None."""
        with self._lock:
            if self._error_rate <= 0 or not self._error_rule.matches(method, path):
                return None
            if self._random.random() < self._error_rate:
                return self._random.choice((500, 502, 503, 504))
        return None

    def should_drop(self, method: str, path: str) -> bool:
        """True (once per count) when this committed write's answer should be lost."""
        with self._lock:
            if self._drops > 0 and self._drop_rule.matches(method, path):
                self._drops -= 1
                return True
        return False

    def delay(self, method: str, path: str) -> float:
        """Seconds to sleep before answering this request."""
        with self._lock:
            return self._slow if self._slow and self._slow_rule.matches(method, path) else 0.0

    def take_late(self, method: str, path: str) -> float | None:
        """Seconds after which this write should commit (its answer lost), or None."""
        with self._lock:
            for i, (seconds, rule) in enumerate(self._late):
                if rule.matches(method, path):
                    del self._late[i]
                    return seconds
        return None

    def later(self, seconds: float, fn) -> None:
        """Run `fn` after `seconds` on a timer thread (a late commit)."""
        if seconds < 0:
            with self._lock:
                self._held.append(fn)
            return
        timer = threading.Timer(seconds, fn)
        timer.daemon = True
        with self._lock:
            self._late_timers.append(timer)
        timer.start()

    def held_late(self) -> int:
        """How many late commits are being held."""
        with self._lock:
            return len(self._held)

    def release_late(self, count: int | None = None) -> int:
        """Apply the oldest `count` held late commits (all by default); how many were."""
        with self._lock:
            count = len(self._held) if count is None else count
            held, self._held = self._held[:count], self._held[count:]
        for fn in held:
            fn()
        return len(held)

    def wait_late_commits(self, timeout: float = 30.0) -> None:
        """Block until every late commit scheduled so far has been applied."""
        with self._lock:
            timers = list(self._late_timers)
        for timer in timers:
            timer.join(timeout)

    def denied(self, method: str, path: str) -> int | None:
        """The status a `deny` answers this request with, or None."""
        with self._lock:
            for status, rule in self._denied:
                if rule.matches(method, path):
                    return status
        return None
