"""Staff approval replies and "have you met?" replies."""

from __future__ import annotations

import pytest

from bot.core.mentoring_answers import find_pair, names_match, read_approval, read_met


class TestApproval:
    def test_plain_approve(self) -> None:
        assert read_approval("<div>Approve</div>") == read_approval("<div>approved 👍</div>")
        assert read_approval("<div>Approve</div>").approve

    def test_drops_one_per_line_and_then_approve(self) -> None:
        got = read_approval("<div>drop Ada Okafor &amp; Mia Cole<br>drop Bea and Ola<br>"
                            "otherwise approve</div>")  # fmt: skip
        assert got.drops == (("Ada Okafor", "Mia Cole"), ("Bea", "Ola"))
        assert got.approve

    def test_drop_alone_does_not_approve(self) -> None:
        got = read_approval("<div>Please drop Ada &amp; Mia</div>")
        assert got.drops == (("Ada", "Mia"),) and not got.approve

    @pytest.mark.parametrize("text", [
        "Don't approve yet, checking", "I'll approve once I've checked", "Looks odd to me",
        "<blockquote>approve</blockquote>",
    ])  # fmt: skip
    def test_not_an_approval(self, text) -> None:
        assert not read_approval(f"<div>{text}</div>").approve

    def test_names_match_first_or_full_name(self) -> None:
        assert names_match("ada", "Ada Okafor") and names_match("Ada Okafor", "ada okafor")
        assert not names_match("Adam", "Ada Okafor") and not names_match("", "Ada Okafor")

    def test_find_pair_either_order_and_ambiguity(self) -> None:
        pairs = [(1, 2, "Ada Okafor", "Mia Cole"), (3, 4, "Ada Lin", "Mia Cole")]
        assert find_pair(("Mia", "Ada Okafor"), pairs) == [0]
        assert find_pair(("Ada", "Mia"), pairs) == [0, 1]  # ambiguous: the job asks again


class TestMet:
    @pytest.mark.parametrize(
        ("text", "met"),
        [
            ("Yes, we've met twice already!", True),
            ("We had our first coffee last week, lovely", True),
            ("Not yet, we're meeting next week", False),
            ("We haven't managed to find a time", False),
            ("Who is my mentor again?", None),
        ],
    )
    def test_read_met(self, text, met) -> None:
        assert read_met(f"<div>{text}</div>") is met
