"""Replay a corpus case through the reader and the ledger, as the sign-up job does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from bot.config.replies import ReplyLexicon
from bot.config.signups import SignupRules
from bot.core.ledger import HOLDS_PLACE, Entry, compute
from bot.core.replies import ReplyContext, ReplyReading, classify

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
RULES = SignupRules(capacity=1000)


@dataclass
class CaseResult:
    """Where the replier ends up and how their last reply was read."""

    signed_up: bool
    last: ReplyReading
    asked: int = 0  # unsure readings: the bot asks, and the reading changes no state


def replay_case(case: dict, lexicon: ReplyLexicon | None = None) -> CaseResult:
    """Apply each reply in order (an edit re-reads that reply); return the end state."""
    entries: dict[str, Entry] = {}
    last: ReplyReading | None = None
    asked = 0
    previous: str | None = None
    now = T0 + timedelta(days=1)

    def holds() -> bool:
        person = compute(RULES, entries.values(), now).people.get("member")
        return person is not None and person.status in HOLDS_PLACE

    for i, reply in enumerate(case["replies"]):
        ref = f"comment:{i}"
        at = T0 + timedelta(minutes=i)
        for html in [reply["html"], reply.get("edited_to")]:
            if not html:
                continue
            context = ReplyContext(announcement=case.get("announcement", ""), had_place=holds(),
                                   previous_intent=previous)
            last = classify(html, lexicon, context)
            if not last.sure:
                asked += 1
                entries.pop(ref, None)  # an unsure reading changes nothing
                continue
            entries[ref] = Entry(ref, "member", at, last.intent)
            previous = last.intent
    assert last is not None
    return CaseResult(holds(), last, asked)


# Shared by the hand-written held-out sets (test_unseen_replies*.py).
MENTION = (
    '<bc-attachment sgid="SGID-{n}" content-type="application/vnd.basecamp.mention">'
    '<figure><img src="x.png"><figcaption>{name}</figcaption></figure></bc-attachment>'
)


def at(name: str) -> str:
    """A Basecamp mention of a member."""
    return MENTION.format(n=len(name), name=name)


def html(text: str) -> str:
    """Plain text as Basecamp comment HTML, one div per line; HTML is passed through."""
    if text.startswith("<"):
        return text
    return "".join(f"<div>{ln}</div>" if ln else "<div><br></div>" for ln in text.split("\n"))


def case_from(announcement: str, replies: list) -> dict:
    """A corpus-shaped case from replies given as text or (original, edited_to) pairs."""
    out = []
    for reply in replies:
        original, edited = reply if isinstance(reply, tuple) else (reply, None)
        out.append({"html": html(original), "edited_to": html(edited) if edited else None})
    return {"announcement": announcement, "replies": out}


ASKED = "asked"  # the expectation for a case whose last reply the bot asks about


def check_sequence(announcement: str, replies: list, intent: str, signed_up: bool) -> None:
    """Assert the last reply's intent and where the member ends up (or that it is asked)."""
    result = replay_case(case_from(announcement, replies))
    if intent == ASKED:
        assert not result.last.sure, result.last.reasons
        return
    assert result.last.sure, ("unsure where a sure reading was expected", result.last.reasons)
    assert (result.last.intent, result.signed_up) == (intent, signed_up), result.last.reasons


def sequence_test(cases: list[tuple[str, str, list, str, bool]]) -> Callable[..., None]:
    """A test over held-out cases (id, announcement, replies, intent, signed_up), one per case."""

    @pytest.mark.parametrize(
        ("announcement", "replies", "intent", "signed_up"),
        [pytest.param(a, r, i, s, id=cid) for cid, a, r, i, s in cases],
    )
    def test_unseen_reply_sequence(
        announcement: str, replies: list, intent: str, signed_up: bool
    ) -> None:
        check_sequence(announcement, replies, intent, signed_up)

    return test_unseen_reply_sequence
