"""Link-header pagination: pure header parsing plus a lazy page-following iterator."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_LINK_PART = re.compile(r'<([^>]*)>\s*((?:;\s*(?:[^;,"]|"[^"]*")*)*)')  # quoted commas too
_REL = re.compile(r"""rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))""", re.IGNORECASE)


def parse_next_link(header: str | None) -> str | None:
    """The rel="next" URL from an RFC 5988 Link header, or None on the last page."""
    if not header:
        return None
    for match in _LINK_PART.finditer(header):
        url, params = match.group(1).strip(), match.group(2)
        for rel in _REL.finditer(params):
            values = (rel.group(1) or rel.group(2) or "").lower().split()
            if "next" in values and url:
                return url
    return None


def parse_total_count(value: str | None) -> int | None:
    """X-Total-Count as an int, or None if missing or malformed."""
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Page:
    """One fetched page: its items and the paging headers (live or from the cache)."""

    items: list[Any]
    next_url: str | None
    total_count: int | None
    from_cache: bool = False


class Paged(Generic[T], Iterator[T]):
    """Lazy iterator over a paginated collection; requests a page only when needed."""

    def __init__(
        self,
        first_url: str,
        fetch: Callable[[str], Page],
        parse: Callable[[Any], T],
        on_total: Callable[[int | None], None] | None = None,
    ) -> None:
        self.first_url = first_url
        self.total_count: int | None = None  # set after the first page arrives
        self.pages_fetched = 0
        self._fetch = fetch
        self._parse = parse
        self._on_total = on_total
        self._items = self._generate()

    def _generate(self) -> Iterator[T]:
        url: str | None = self.first_url
        seen: set[str] = set()
        while url and url not in seen:  # a looping Link header must not spin forever
            seen.add(url)
            page = self._fetch(url)
            self.pages_fetched += 1
            if self.pages_fetched == 1:
                self.total_count = page.total_count
                if self._on_total:
                    self._on_total(page.total_count)
            for item in page.items:
                yield self._parse(item)
            url = page.next_url

    def __iter__(self) -> Paged[T]:
        return self

    def __next__(self) -> T:
        return next(self._items)
