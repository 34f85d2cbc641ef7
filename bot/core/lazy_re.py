"""Regular expressions compiled on first use, not at import.

The reader's cue tables hold a few hundred patterns; compiling them all when the worker starts
cost about a tenth of a second before its first poll, which usually reads no reply at all.
`lazy` returns a stand-in with the methods of `re.Pattern`: the first attribute looked up
compiles the pattern and stores the real bound methods, so later calls cost nothing extra.
"""

from __future__ import annotations

import re
from typing import Any

_FORWARDED = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
              "pattern", "flags", "groups", "groupindex")  # fmt: skip


class LazyPattern:
    """A `re.Pattern` that is compiled the first time it is used."""

    __slots__ = ("_source", "_flags", *_FORWARDED)

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags = source, flags

    @property
    def compiled(self) -> bool:
        """Whether the pattern has been compiled yet."""
        try:
            object.__getattribute__(self, "search")
        except AttributeError:
            return False
        return True

    def __getattr__(self, name: str) -> Any:
        # Only reached while the forwarded slots are empty, i.e. before the first use.
        if name not in _FORWARDED:
            raise AttributeError(name)
        real = re.compile(self._source, self._flags)
        for attr in _FORWARDED:
            object.__setattr__(self, attr, getattr(real, attr))
        return getattr(real, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source!r}, {self._flags!r})"


def lazy(source: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern like `re.compile(source, flags)`, compiled when first used."""
    return LazyPattern(source, flags)  # type: ignore[return-value]
