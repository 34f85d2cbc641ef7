"""reader.context and reader.language: what the reader knows besides the reply, and other
languages read cheaply."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.core.reader.language import looks_foreign, read_foreign
from bot.core.replies import ReplyContext, classify

ANN = "Summer social — Thu 11 July, 5:30pm, roof terrace"


def read(html: str, **context: object):
    return classify(html, None, ReplyContext(ANN, **context))  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["Un-sign me, sorry", "Withdrawing, apologies",
                                  "Backing out I'm afraid", "Actually can't now, sorry all"])
def test_short_replies_after_a_join_are_withdrawals(text: str) -> None:
    got = read(f"<div>{text}</div>", had_place=True)
    assert (got.intent, got.sure) == ("withdraw", True), got.reasons


def test_a_no_after_an_earlier_yes_is_a_withdrawal_even_without_a_place() -> None:
    got = read("<div>Sorry, can't make it after all</div>", previous_intent="join")
    assert got.intent == "withdraw"
    assert read("<div>Sorry, can't make it</div>").intent == "decline"


def test_a_re_join_after_a_no() -> None:
    got = read("<div>Oh wait, my meeting moved - I can come after all!</div>",
               previous_intent="decline")
    assert (got.intent, got.sure) == ("join", True)


@pytest.mark.parametrize("quote, intent", [
    ("Count me in please!", "join"), ("I can't make it, sadly", "decline"),
    ("Not sure yet, will confirm", "maybe"),
])
def test_same_and_plus_one_are_read_against_the_quote(quote: str, intent: str) -> None:
    for short in ("Same here", "+1", "me too"):
        got = read(f"<blockquote>{quote}</blockquote><div>{short}</div>")
        assert got.intent == intent, (short, got.reasons)


def test_same_without_a_quote_repeats_the_earlier_answer() -> None:
    assert read("<div>same</div>", previous_intent="decline").intent == "decline"


@pytest.mark.parametrize("answer, intent", [("yes", "join"), ("👍", "join"), ("✅", "join"),
                                            ("Yes please!", "join"), ("no thanks", "decline")])
def test_a_bare_answer_to_the_bots_question(answer: str, intent: str) -> None:
    got = read(f"<div>{answer}</div>", awaiting_answer=True)
    assert (got.intent, got.sure) == (intent, True)


@pytest.mark.parametrize("text, intent", [
    ("Tak, chętnie przyjdę", "join"), ("Da, vin cu drag!", "join"), ("Sim, quero ir!", "join"),
    ("Evet, gelirim", "join"), ("Ja, gerne!", "join"), ("Oui, avec plaisir", "join"),
    ("Nie, niestety", "decline"), ("Hayır, maalesef", "decline"), ("Não, infelizmente", "decline"),
])
def test_other_languages_clear_yes_and_no(text: str, intent: str) -> None:
    got = read(f"<div>{text}</div>")
    assert (got.intent, got.maybe_not_english) == (intent, True), got.reasons


@pytest.mark.parametrize("text", ["Może, zobaczymy", "Hoyto ashbo", "Sí pero no sé",
                                  "Vielleicht, mal sehen",
                                  # another script altogether: plainly not English
                                  "হ্যাঁ, আমি আসতে চাই", "Да, я приду", "Ναι, θα έρθω"])
def test_other_languages_not_clearly_read_are_unsure(text: str) -> None:
    got = read(f"<div>{text}</div>")
    assert (got.sure, got.maybe_not_english) == (False, True), got.reasons


@pytest.mark.parametrize("text", ["Count me in", "No thanks", "I'd love to but I'm away",
                                  "Thanks, see you there", "Is it recorded?"])
def test_english_is_not_taken_for_another_language(text: str) -> None:
    assert not looks_foreign(text.lower())
    assert read(f"<div>{text}</div>").maybe_not_english is False


def test_read_foreign_needs_a_clear_word() -> None:
    assert read_foreign("tak nie")[1] is False  # yes and no together: unsure


def test_importing_the_cli_loads_no_language_model() -> None:
    code = "import sys, bot.cli; print(any(m.startswith('lingua') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
