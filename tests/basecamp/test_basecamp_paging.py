"""Pure Link-header helpers."""

from __future__ import annotations

import pytest

from bot.basecamp.paging import parse_next_link, parse_total_count


class TestParseNextLink:
    @pytest.mark.parametrize(
        ("header", "expected"),
        [
            ('<https://x.test/a.json?page=2>; rel="next"', "https://x.test/a.json?page=2"),
            ("<https://x.test/a.json?page=2>; rel=next", "https://x.test/a.json?page=2"),
            ('<https://x.test/p1>; rel="prev", <https://x.test/p3>; rel="next"',
             "https://x.test/p3"),
            ('<https://x.test/p3>; title="a, b"; rel="last next"', "https://x.test/p3"),
            ('<https://x.test/p3>; REL="Next"', "https://x.test/p3"),
            ('<https://x.test/p1>; rel="prev"', None),
            ("", None),
            (None, None),
            ("garbage", None),
            ('<>; rel="next"', None),
        ],
    )
    def test_finds_only_the_next_link(self, header, expected):
        assert parse_next_link(header) == expected


class TestParseTotalCount:
    @pytest.mark.parametrize(("value", "expected"), [("42", 42), (None, None), ("x", None)])
    def test_reads_an_integer_or_nothing(self, value, expected):
        assert parse_total_count(value) == expected
