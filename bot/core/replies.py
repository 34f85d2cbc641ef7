"""The event reply reader's entry point: what a member's reply means for their place.

``classify(html, lexicon, context) -> ReplyReading``. The work is done in clear steps by
``bot.core.reader`` (clean, clauses, cues, negation, decide, context); this module keeps the
contract the jobs use. Every reading says whether the reader is sure: an unsure reading
changes no state, and the bot asks the member instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.reader.context import ReplyContext
from bot.core.reader.cues import INTENTS, LexiconLike
from bot.core.reader.events import read_event

__all__ = ["INTENTS", "LexiconLike", "ReplyContext", "ReplyReading", "classify"]


@dataclass(frozen=True)
class ReplyReading:
    """The reader's verdict on one reply, with the words that decided it."""

    intent: str
    reasons: tuple[str, ...]
    text: str = ""  # the replier's own words that were read
    mention_names: tuple[str, ...] = ()
    mention_sgids: tuple[str, ...] = ()
    referral: bool = False  # points a colleague at the event (invite them to reply themselves)
    out_of_office: bool = False
    sure: bool = True  # False: the bot should ask rather than act (changes no state)
    maybe_not_english: bool = False  # the question goes out in English and staff are told
    cues: tuple[str, ...] = ()  # every cue found, "intent: 'words' (kind)"


def classify(
    html: str, lexicon: LexiconLike | None = None, context: ReplyContext | None = None
) -> ReplyReading:
    """Read one reply's HTML and say what it means for the replier's place, and why."""
    r = read_event(html, lexicon, context or ReplyContext())
    return ReplyReading(
        intent=r.intent, reasons=r.reasons, text=r.text, mention_names=r.mention_names,
        mention_sgids=r.mention_sgids, referral=r.referral, out_of_office=r.out_of_office,
        sure=r.sure, maybe_not_english=r.maybe_not_english, cues=r.cues,
    )  # fmt: skip
