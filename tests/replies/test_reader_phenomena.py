"""The phenomena table of READER-NOTES.md, one test each (examples invented there)."""

from __future__ import annotations

import pytest

from bot.core.replies import ReplyContext, classify

ONLINE = ReplyContext("Lunch & learn — Thu 16 May, 1–2pm, online on Teams")
IN_PERSON = ReplyContext("Summer social — Thu 11 July, 5:30pm, roof terrace at LOTI")


@pytest.mark.parametrize("text, context, intent, sure", [
    ("Wild horses couldn't stop me", ONLINE, "join", True),
    ("Nothing could keep me away", ONLINE, "join", True),
    ("I'd be mad not to", ONLINE, "join", True),
    ("It would be silly not to", ONLINE, "join", True),
    ("I won't be saying yes to this one, sorry", ONLINE, "decline", True),
    ("Is the +1 for a guest?", ONLINE, "question", True),
    ("Do I need to sign up for each session separately?", ONLINE, "question", True),
    ("Could I grab a place?", ONLINE, "join", True),
    ("Yes, probably, depends on my 2pm", ONLINE, "maybe", True),
    ("My colleague Sam would love this", ONLINE, "other", True),
    ("Loved the one in spring!", ONLINE, "other", True),
    ("Loved the one in spring! Count me in", ONLINE, "join", True),
    ("Yes if it's online", ONLINE, "join", True),
    ("Yes if it's online", IN_PERSON, "decline", True),
    ("count me innn", ONLINE, "join", True),
    ("yes plaese", ONLINE, "join", True),
    ("Sí, me apunto", ONLINE, "join", True),
    ("Ja, gerne", ONLINE, "join", True),
])
def test_phenomenon(text: str, context: ReplyContext, intent: str, sure: bool) -> None:
    got = classify(f"<div>{text}</div>", None, context)
    assert (got.intent, got.sure) == (intent, sure), got.reasons


@pytest.mark.parametrize("text", ["Un-sign me, sorry", "Withdrawing, apologies"])
def test_elliptical_replies_after_a_join(text: str) -> None:
    got = classify(f"<div>{text}</div>", None, ReplyContext(ONLINE.announcement, had_place=True,
                                                             previous_intent="join"))
    assert (got.intent, got.sure) == ("withdraw", True)
