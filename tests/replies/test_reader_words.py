"""reader.words: typos within a bounded edit distance, and word endings on phrasal verbs."""

from __future__ import annotations

import pytest

from bot.core.reader.words import normalise_words, repair


@pytest.mark.parametrize("typo, word", [
    ("plaese", "please"), ("defintely", "definitely"), ("unfortunatly", "unfortunately"),
    ("attnd", "attend"), ("intrested", "interested"), ("tentaive", "tentative"),
])
def test_one_slip_is_repaired(typo: str, word: str) -> None:
    assert repair(typo) == word


@pytest.mark.parametrize("word", [
    "manager", "possible", "counts", "court", "places", "spotted", "sadness", "pleased",
])
def test_real_words_and_other_endings_are_left_alone(word: str) -> None:
    assert repair(word) == word


@pytest.mark.parametrize("text, normal", [
    ("backing out, sorry", "back out, sorry"),
    ("dropping out i'm afraid", "drop out i'm afraid"),
    ("booking myself in!", "book me in!"),
    ("signing up now", "sign up now"),
    ("i will not", "i won't"),
    ("signed up already", "signed up already"),  # a past form is a cue of its own
])
def test_word_endings_and_contractions(text: str, normal: str) -> None:
    assert normalise_words(text) == normal
