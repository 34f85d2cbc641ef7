"""reader.clean: the member's own words only, in one normal form, with one signature rule."""

from __future__ import annotations

import pytest

from bot.core.mentoring import split_signature as mentoring_split
from bot.core.reader.clean import MAX_TEXT, clean, normal_form, split_signature


def test_nfkc_and_every_format_character_is_dropped() -> None:
    # U+200B zero width space, U+200D joiner, U+2060 word joiner, U+FEFF BOM, U+00AD soft
    # hyphen, U+202E right-to-left override: all category Cf
    hostile = "co\u200bunt\u2060 me\u00ad i\ufeffn\u202e"
    assert normal_form(hostile) == "count me in"
    assert normal_form("ｙｅｓ ｐｌｅａｓｅ") == "yes please"  # full-width -> NFKC
    assert normal_form("I’d “love” to") == "I'd \"love\" to"


@pytest.mark.parametrize("stretched, plain", [
    ("count me innnnn", "count me in"), ("yesssss", "yes"), ("pleeeease", "please"),
    ("soooo keen", "so keen"), ("good", "good"), ("see you", "see you"),
])
def test_stretched_letters_collapse(stretched: str, plain: str) -> None:
    assert normal_form(stretched) == plain


def test_quotes_signatures_and_footers_are_set_aside() -> None:
    got = clean(
        "<blockquote>Reply if you'd like a place</blockquote>"
        "<div>Yes please</div><div>Kind regards</div><div>Priya Shah</div>"
        "<div>Head of Digital | LB Hackney | she/her</div>"
    )
    assert got.text == "Yes please"
    assert got.quoted == "Reply if you'd like a place"
    assert "Priya Shah" in got.signature


@pytest.mark.parametrize("text", [
    "Count me in\nSent from my iPhone",
    "Count me in\n--\nJo Bloggs",
    "Count me in\nJo Bloggs\nService Designer",
    "Count me in\nThanks,\nJo",
])
def test_one_signature_rule_for_both_readers(text: str) -> None:
    assert split_signature(text)[0] == "Count me in"
    assert mentoring_split(text) == split_signature(text)


def test_a_capitalised_phrase_is_not_taken_for_a_name() -> None:
    assert split_signature("Hello\nCount Me In")[0] == "Hello\nCount Me In"


def test_out_of_office_is_recognised() -> None:
    got = clean("<div>Automatic reply: I am out of the office until Monday.</div>")
    assert got.out_of_office == "automatic reply"
    assert clean("<div>Count me in</div>").out_of_office == ""


def test_reading_is_bounded() -> None:
    assert len(normal_form("a b " * 50_000)) == MAX_TEXT


def test_a_long_reply_is_read_up_to_the_budget_and_never_emptied() -> None:
    one_node = clean("<div>" + "count me in " * 5000 + "</div>")
    assert one_node.text.startswith("count me in count me in") and len(one_node.text) == MAX_TEXT
    many_tags = clean("".join("<div>Count me in!</div>" for _ in range(3000)))
    assert many_tags.text.startswith("Count me in!") and many_tags.text.count("Count me in!") > 50
    quoted_first = clean("<blockquote>" + "quoted words " * 400 + "</blockquote><div>Same</div>")
    assert quoted_first.text == "Same"  # a long quote before the answer still leaves the answer
