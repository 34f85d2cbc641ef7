"""The event reader: the steps in order, from a reply's HTML to a sure or unsure reading."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.lazy_re import lazy
from bot.core.reader import language
from bot.core.reader.clauses import Clauses
from bot.core.reader.clean import clean
from bot.core.reader.context import (
    ReplyContext,
    after_earlier,
    answer_to_question,
    asks_something_else,
    is_bare_yes,
    retraction,
)
from bot.core.reader.cues import Hit, LexiconLike, find_hits, referral
from bot.core.reader.decide import Decision, decisive, no_cue
from bot.core.reader.negation import (
    corrections,
    in_questions,
    mentioned,
    negate,
    sentence_rules,
    someone_elses,
)
from bot.core.reader.words import normalise_words
from bot.core.reply_html import MENTION_TOKEN

_FACT_AFTER = lazy(
    r"[\s,!.\-–—]*(?:i|we)(?:'ve| have)? "
    r"(?:got|saw|seen|received|read|did|do|know|agree|went|had|remember)\b"
)
_WHEN = lazy(r"\b(?:that|this) (?:day|date|week|evening|morning|afternoon)\b")
_CONTRAST = lazy(r"(?:,\s*|\s)(?:but|however|unfortunately|sadly|except)\b")
_REGRET = lazy(
    r"\b(?:sadly|unfortunately|afraid|sorry|alas|regrettably|apologies|regret|ugh|argh|gutted|"
    r"drat|boo|shame)\b"
)
_LETTERS = lazy(r"[^\W\d_]")
_PASSIVE_REQUEST = lazy(
    r"\b(?:could|can|may|might) i (?:please |possibly |still |also )?be (?:considered|included|"
    r"added|put|squeezed|kept|pencilled|penciled)\b"
)


@dataclass(frozen=True)
class EventReading:
    """The steps' verdict, before the facade turns it into a ReplyReading."""

    intent: str
    reasons: tuple[str, ...]
    text: str
    mention_names: tuple[str, ...]
    mention_sgids: tuple[str, ...]
    referral: bool
    out_of_office: bool
    sure: bool
    maybe_not_english: bool
    cues: tuple[str, ...]


def read_event(html: str, lexicon: LexiconLike | None, context: ReplyContext) -> EventReading:
    """Read one reply to an event announcement."""
    cleaned = clean(html, tuple(lexicon.signature_starts) if lexicon else (),
                    tuple(lexicon.out_of_office) if lexicon else ())
    names, sgids = cleaned.mention_names, cleaned.mention_sgids
    if cleaned.out_of_office:
        return EventReading("other", (f"out-of-office auto-reply: '{cleaned.out_of_office}'",),
                            cleaned.text, names, sgids, False, True, True, False, ())
    text = normalise_words(cleaned.text.lower())
    staff = {n.lower() for n in context.staff_names}
    addressed = cleaned.starts_with_mention and not (names and names[0].lower() in staff)
    others = [n for n in names if n.lower() not in staff]
    about_colleague = referral(text)
    is_referral = bool(others) and about_colleague
    hits = find_hits(text, lexicon)
    cues = tuple(h.describe() for h in hits if h.kind != "neutral")
    decision = _decide(text, hits, cleaned.quoted, addressed, about_colleague, lexicon, context)
    intent, extra = after_earlier(decision.intent, context)
    reasons = [*decision.reasons, *([extra] if extra else [])]
    foreign = decision.maybe_not_english or language.looks_foreign(text)
    return EventReading(intent, tuple(reasons), text, names, sgids, is_referral, False,
                        decision.sure, foreign, cues)


def _decide(text: str, hits: list[Hit], quoted: str, addressed: bool, about_colleague: bool,
            lexicon: LexiconLike | None, context: ReplyContext) -> Decision:
    if context.awaiting_answer and (answer := answer_to_question(text)):
        return Decision(answer, [f"answers the bot's question: '{text.strip()[:40]}'"])
    quoted_low = normalise_words(quoted.lower())
    before = len(hits)
    if addressed or asks_something_else(quoted_low):
        # "@Sam yes, it's step-free": a bare yes answers the member, not the announcement.
        hits = [h for h in hits if not (h.intent == "join" and is_bare_yes(h.words))]
    # "Yes, I got the email": a bare yes confirming a fact, not asking for a place.
    hits = [h for h in hits if not (h.intent == "join" and is_bare_yes(h.words)
                                    and _FACT_AFTER.match(text, h.end))]
    answered = len(hits) < before
    why: list[str] = []
    clauses = Clauses(text)
    hits = mentioned(text, hits, why)
    hits = someone_elses(text, hits, clauses, why)
    hits = in_questions(text, hits, clauses, why)
    hits = negate(text, hits, why)
    hits = sentence_rules(text, hits, clauses, context.announcement, why)
    hits = corrections(text, hits, clauses, why)
    found = decisive(hits, why)
    if found:
        return found
    holder = context.had_place or context.previous_intent == "join"
    taken_back = retraction(text) if holder else ""
    if taken_back:
        # "Forget that, ...": she takes back the reply that gave her a place, and nothing
        # positive follows. Sure only when that reply was the yes (her last sure reading).
        return Decision("decline", [f"takes back her earlier reply: '{taken_back}'"],
                        sure=context.previous_intent == "join")
    if about_colleague:
        return Decision("other", ["about a colleague, not a place for the replier"])
    if addressed:
        return Decision("other", ["a reply to another member"])
    asks = [h for h in hits if h.kind == "ask"]
    context_hits = [h for h in hits if h.kind == "context"]
    if context_hits and not asks:
        return _from_quote(context_hits[-1], quoted, lexicon, context)
    if clauses.any_question() or asks:
        reasons = [f"a question: '{clauses.first_question(text)}'"]
        if _PASSIVE_REQUEST.search(text):
            # "Could I be considered for a place?": may be asking for a place. Ask.
            return Decision("question", [*reasons, "it may be asking for a place"], sure=False)
        return Decision("question", reasons)
    soft = [h for h in hits if h.kind == "soft"]
    if soft:
        return Decision(soft[-1].intent, [soft[-1].describe()])
    obstacles = [h for h in hits if h.kind == "obstacle"]
    # A reason not to come after regret or a "but" is a no ("Sounds fab but I'm off that
    # week"), as is a reason tied to the event's date ("I'm out of the country that week").
    if obstacles:
        before = text[max(0, obstacles[-1].start - 240) : obstacles[-1].start]
        regret = _REGRET.search(text[:4000]) or _CONTRAST.search(before) or _WHEN.search(
            text[:4000])
        if regret:
            cue = regret.group().strip(" ,")
            return Decision("decline", [f"decline: '{cue}' + '{obstacles[-1].words}' (implied)"])
        if holder:
            # A place-holder naming a reason she can't be there may be pulling out: ask.
            return Decision("decline", [f"holds a place and says '{obstacles[-1].words}'"],
                            sure=False)
    if not _LETTERS.search(text.replace(MENTION_TOKEN, "")):
        emoji = [h for h in hits if h.kind == "emoji"]
        if emoji:
            return Decision(emoji[-1].intent, [f"emoji on its own: '{emoji[-1].words}'"])
    if language.looks_foreign(text):
        intent, sure, words = language.read_foreign(text)
        return Decision(intent, [f"{intent}: '{words}' (another language)"], sure=sure,
                        maybe_not_english=True)
    return no_cue(text, context.had_place, answered)


def _from_quote(hit: Hit, quoted: str, lexicon: LexiconLike | None,
                context: ReplyContext) -> Decision:
    """ "+1", "same", "me too": read against the quote it sits under."""
    if not quoted:
        if context.previous_intent in ("join", "decline", "maybe"):
            return Decision(context.previous_intent,
                            [f"'{hit.words}' repeats the replier's earlier answer"])
        return Decision("join", [hit.describe()])
    reading = read_event(f"<div>{_escape(quoted)}</div>", lexicon,
                         ReplyContext(context.announcement))
    intent = reading.intent
    if intent in ("decline", "maybe", "question", "withdraw"):
        intent = "decline" if intent == "withdraw" else intent
    else:
        intent = "join"
    return Decision(intent, [f"'{hit.words}' read against the quote"], sure=reading.sure)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
