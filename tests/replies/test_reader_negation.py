"""reader.negation and reader.decide through the event reader: scope, double negation,
hedges that are never overridden, questions, and sure or unsure."""

from __future__ import annotations

import pytest

from bot.core.replies import ReplyContext, classify

ONLINE = ReplyContext("Lunch & learn — Thu 16 May, 1–2pm, online on Teams")


def read(text: str, context: ReplyContext = ONLINE):
    return classify("".join(f"<div>{ln}</div>" for ln in text.split("\n")), None, context)


@pytest.mark.parametrize("text, intent", [
    # pseudo-triggers: a negation word inside a positive idiom
    ("Wild horses couldn't keep me away", "join"),
    ("Nothing could stop me coming to this", "join"),
    ("I'd be mad not to", "join"),
    ("It would be silly not to, yes please", "join"),
    ("I don't see why not - count me in", "join"),
    # two negations make a yes
    ("I'm not not coming", "join"),
    ("There's no reason I can't come, so yes", "join"),
    # a yes inside a negated phrase is a no; the scope ends at the next comma or conjunction
    ("I won't be saying yes to this one, sorry", "decline"),
    ("Please don't count me in", "decline"),
    ("I'm not free in the morning, but count me in", "join"),
    ("It's not that I can't make it, I just don't think it's for me", "decline"),
])
def test_negation_scope(text: str, intent: str) -> None:
    got = read(text)
    assert (got.intent, got.sure) == (intent, True), got.reasons


@pytest.mark.parametrize("text", [
    "Yes, probably, depends on my 2pm",
    "Probably yes but I'll confirm next week",
    "Count me in, probably",
    "Hopefully. Yes please!",  # a hedge is never overridden by a later yes
    "Not sure yet, but I'd love to",
    "I think I can make it but not 100% yet",
])
def test_hedges_lower_a_yes_to_a_maybe(text: str) -> None:
    got = read(text)
    assert got.intent == "maybe", got.reasons


@pytest.mark.parametrize("text, intent", [
    ("Is the +1 for a guest?", "question"),
    ("Do I need to sign up for each session separately?", "question"),
    ("Is it 'count me in' here or is there a form?", "question"),
    ("Could I grab a place?", "join"),
    ("Any room for one more?", "join"),
    ("Would you mind adding me?", "join"),
    ("Yes please, is there parking?", "join"),
])
def test_join_cues_inside_questions(text: str, intent: str) -> None:
    assert read(text).intent == intent


def test_two_strong_opposing_clauses_without_a_correction_are_unsure() -> None:
    got = read("I can't come on the 16th. Count me in!")
    assert got.sure is False
    corrected = read("I can't come on the 16th. Oh wait, I can! Count me in!")
    assert (corrected.intent, corrected.sure) == ("join", True)


@pytest.mark.parametrize("text, intent", [
    ("Thanks so much for organising these!", "other"),
    ("Congratulations on the award, well deserved", "other"),
    ("Automatic reply: I am out of the office until Monday", "other"),
    ("Count me in", "join"),
    ("Sadly not this time", "decline"),
    ("👍", "join"),
])
def test_ordinary_replies_are_sure(text: str, intent: str) -> None:
    got = read(text)
    assert (got.intent, got.sure) == (intent, True), got.reasons


@pytest.mark.parametrize("text", [
    "Looking forward to catching up about this",
    "Thursday could work for me in principle",
    "Hmm, Thursdays are tricky",
])
def test_no_cue_about_taking_part_is_unsure(text: str) -> None:
    got = read(text)
    assert got.sure is False, got.reasons
