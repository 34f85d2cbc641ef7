"""Replay a corpus case through the reader and the ledger, as the sign-up job does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

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


def replay_case(case: dict, lexicon: ReplyLexicon | None = None) -> CaseResult:
    """Apply each reply in order (an edit re-reads that reply); return the end state."""
    entries: dict[str, Entry] = {}
    last: ReplyReading | None = None
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
            context = ReplyContext(announcement=case.get("announcement", ""), had_place=holds())
            last = classify(html, lexicon, context)
            entries[ref] = Entry(ref, "member", at, last.intent)
    assert last is not None
    return CaseResult(holds(), last)
