"""The event reply reader: what a member's reply means for their place (pure, explainable).

``classify(html, lexicon, context) -> ReplyReading``. Rule-based so staff can see why:
``reading.reasons`` names the words that decided it. The steps:

1. HTML -> the replier's own words (quotes, struck-through text, mentions set aside);
   out-of-office auto-replies are recognised; signatures and email footers are cut.
2. Cue phrases are found in priority order (reply_lexicon.CUES, staff phrases first),
   each masking its words so a longer idiom ("count me out") beats a shorter one.
3. The decision: a modal yes ("I'd love to") followed by "but" gives way to what follows;
   doubt after a "but"/"though" turns any yes into a maybe; a conditional yes is checked
   against the announcement; uncertainty in the same sentence turns a yes into a maybe;
   after a self-correction ("oh wait", "actually,", "scratch that") only the later words
   count; otherwise the last decisive cue wins (people put their decision at the end).
   Questions, "+1"/"same" (read against the quote), emoji on their own and colleague
   referrals are considered only when nothing decisive was said. A yes phrase directly
   negated ("don't count me in") is a no; a bare "yes" answers a member, a quoted question
   that is not the invitation, or a fact ("yes, I got the email") rather than asking for a
   place. A line that is only a name starts a signature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from bot.core.reply_html import MENTION_TOKEN, parse_reply_html
from bot.core.reply_lexicon import (
    CORRECTION,
    CUES,
    FOOTER_LINE,
    IN_PERSON_WORDS,
    NAME_LINE,
    NOT_NAME_WORDS,
    ONLINE_WORDS,
    OUT_OF_OFFICE,
    SIGNATURE_LINE,
    TYPOS,
    UNCERTAIN,
    Cue,
)

INTENTS = ("join", "decline", "withdraw", "maybe", "question", "other")
DECISIVE_KINDS = {"strong", "hedge", "wish", "wish_past", "implied"}
_CONTRAST = re.compile(r"(?:,\s*|\s)(?:but|however|unfortunately|sadly|except)\b")
_CONCESSION = re.compile(r"(?:,\s*|\s)(?:but|however|though|although|except)\b")
_CONDITION = re.compile(r"\b(?:if|as long as|so long as|provided(?: that)?|assuming|unless)\b(.*)")
_COUNTERFACTUAL = re.compile(
    r"\bif (?:it|this|that|they|the \w+) (?:were|was|wasn't|weren't) \b|\bif only\b"
)
_ONLY_IF = re.compile(r"[\s,]*(?:only )?(?:if|as long as|so long as|provided|assuming)\b")
_SENTENCE_END = re.compile(r"(?<!\.)\.(?!\.)|[!?]+\.*|\n")
# A yes that is a wish or enthusiasm rather than a commitment gives way to a following "but".
_MODAL = re.compile(r"^(?:i'd|i would|would)\b|\b(?:keen|interested|up for|tempted)\b")
_TYPO_RE = re.compile(r"\b(" + "|".join(re.escape(k) for k in TYPOS) + r")\b")
_LETTERS = re.compile(r"[^\W\d_]")
# A yes phrase directly negated is a no ("Don't count me in", "please don't save me a place").
_NEGATED_BEFORE = re.compile(
    r"(?<!\bwhy )(?<!\bif )(?<!can't )(?<!won't )(?<!couldn't )(?<!wouldn't )"
    r"\b(?:don't|do not|didn't|no need to|never|not)\s+(?:please\s+|yet\s+|just\s+)?$"
)
_FACT_AFTER = re.compile(
    r"[\s,!.\-–—]*(?:i|we)(?:'ve| have)? "
    r"(?:got|saw|seen|received|read|did|do|know|agree|went|had|remember)\b"
)
# Words of an invitation: a quoted question using them is the announcement asking, not a member.
_INVITATION = re.compile(
    r"\b(?:place|places|spot|seat|join|joining|come|coming|attend|attending|sign(?:ing)? up|"
    r"interested|fancy|like to|want to|keen|reply|count|register|book)\b"
)
_WHEN = re.compile(r"\b(?:that|this) (?:day|date|week|evening|morning|afternoon)\b")
# A yes whose subject is someone else ("My colleague Asha would like to attend") is not the
# replier's; it stays theirs if they come back in ("my colleague and I would like to come").
_THIRD_PARTY = re.compile(
    r"\b(?:my|a|our|one of my) (?:colleague|colleagues|teammate|team mate|friend|manager|boss|"
    r"deputy|director|direct report|report|team)\b|\b(?:she|he|they)(?:'d| would| wants| is| are)\b"
)
# Between the colleague and the yes: at most a name, then modal words ("Asha would really").
_SUBJECT_GAP = re.compile(
    r"(?: [\w'-]+){0,2}?(?: (?:would|wants|will|might|may|could|is|also|too|really|definitely|"
    r"very much|keen|interested|to))*\s*"
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'd|i'm|i'll|i've|me|my|myself|we|we'd|we'll|us)\b")
_REGRET = re.compile(
    r"\b(?:sadly|unfortunately|afraid|sorry|alas|regrettably|apologies|regret|ugh|argh|gutted|drat|boo|shame)\b"
)


class LexiconLike(Protocol):
    """What the reader needs from a ReplyLexicon (structural, so core stays pure)."""

    join: tuple[str, ...]
    decline: tuple[str, ...]
    withdraw: tuple[str, ...]
    maybe: tuple[str, ...]
    question: tuple[str, ...]
    other: tuple[str, ...]
    out_of_office: tuple[str, ...]
    signature_starts: tuple[str, ...]


@dataclass(frozen=True)
class ReplyContext:
    """What the reader knows besides the reply itself."""

    announcement: str = ""  # subject and/or text of the post being replied to
    had_place: bool = False  # the replier already holds a place (a "no" is then a withdrawal)
    staff_names: frozenset[str] = frozenset()  # mentioning these is not a referral
    previous_intent: str | None = None  # the intent of this person's last sure reading here
    awaiting_answer: bool = False  # the bot asked this person what they meant; this may answer


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


@dataclass
class _Hit:
    start: int
    end: int
    intent: str
    kind: str
    words: str
    sentence: int = 0
    source: str = "built-in"


@dataclass
class _Reading:
    hits: list[_Hit] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(w) for w in phrase.lower().split())
    left = r"\b" if phrase[:1].isalnum() else ""
    right = r"\b" if phrase[-1:].isalnum() else ""
    return re.compile(left + body + right)


def _staff_cues(lexicon: LexiconLike | None) -> list[Cue]:
    if lexicon is None:
        return []
    cues = []
    for intent in INTENTS:
        kind = "ask" if intent == "question" else "strong"
        for phrase in getattr(lexicon, intent, ()) or ():
            if phrase.strip():
                cues.append(Cue(intent, kind, _phrase_pattern(phrase.strip())))
    return cues


def normalise(text: str) -> str:
    """Lower-case, straighten quotes and fix common typos so patterns stay simple."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"\bcan not\b", "can't", text)
    text = re.sub(r"\bwill not\b", "won't", text)
    text = re.sub(r"\bdo not\b", "don't", text)
    text = re.sub(r"\bwould not\b", "wouldn't", text)
    text = re.sub(r"\b(would|could|should|might|must)'ve\b", r"\1 have", text)
    text = re.sub(r"\bi'd've\b", "i'd have", text)
    text = re.sub(r"\bi will\b", "i'll", text)
    text = re.sub(r"\bi would\b", "i'd", text)
    return _TYPO_RE.sub(lambda m: TYPOS[m.group(1)], text)


def strip_signature(text: str, lexicon: LexiconLike | None = None) -> str:
    """Cut a sign-off, signature or email footer (and everything after it)."""
    extra = [p.strip().lower() for p in (lexicon.signature_starts if lexicon else ()) if p.strip()]
    lines = text.split("\n")
    kept: list[str] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        low = stripped.lower()
        if FOOTER_LINE.match(low) and i > 0:
            break
        if (
            i > 0
            and kept
            and (SIGNATURE_LINE.match(stripped) or any(low.startswith(p) for p in extra))
        ):
            break
        if i > 0 and kept and _is_name_line(stripped):  # "Jane Doe" then a job title
            break
        if stripped.count("|") >= 2:  # "Name | Job title | Borough"
            continue
        kept.append(line)
    return "\n".join(kept).strip()


def _is_name_line(line: str) -> bool:
    """A line that is only a person's name ("Jane Doe", "Priya Shah (she/her)")."""
    if not NAME_LINE.match(line):
        return False
    words = re.sub(r"\(.*\)", "", line).lower().split()
    return not any(w in NOT_NAME_WORDS for w in words)


def _sentence_spans(text: str) -> list[tuple[int, int, bool]]:
    # A self-correction ("oh wait", "scratch that") starts a new clause as a full stop does.
    cuts = [(m.end(), "?" in m.group()) for m in _SENTENCE_END.finditer(text)]
    cuts += [(m.start(), False) for m in CORRECTION.finditer(text) if m.start() > 0]
    spans, start = [], 0
    for end, question in sorted(cuts):
        if end > start:
            spans.append((start, end, question))
            start = end
    if start < len(text):
        spans.append((start, len(text), False))
    return spans or [(0, 0, False)]


def _find_hits(text: str, cues: list[Cue]) -> list[_Hit]:
    masked = text
    hits: list[_Hit] = []
    for cue in cues:
        if cue.kind == "referral":
            continue  # referrals are looked for separately, on the unmasked text
        for m in cue.pattern.finditer(masked):
            if m.end() == m.start():
                continue
            hits.append(
                _Hit(m.start(), m.end(), cue.intent, cue.kind, text[m.start() : m.end()].strip())
            )
            masked = masked[: m.start()] + "\x00" * (m.end() - m.start()) + masked[m.end() :]
    hits.sort(key=lambda h: h.start)
    return hits


def _announcement_rules_out(condition: str, announcement: str) -> bool:
    """True when the announcement plainly rules out a condition such as "if it's online"."""
    ann = announcement.lower()
    if not ann:
        return False
    if ONLINE_WORDS.search(condition) and not ONLINE_WORDS.search(ann):
        return True
    if (
        re.search(r"\bin[- ]person\b|\bface[- ]to[- ]face\b", condition)
        and ONLINE_WORDS.search(ann)
        and not IN_PERSON_WORDS.search(ann)
    ):
        return True
    hour = _start_hour(ann)
    if hour is not None:
        if "morning" in condition and hour >= 12:
            return True
        if "afternoon" in condition and not 12 <= hour < 18:
            return True
        if "evening" in condition and hour < 17:
            return True
    return False


_TIME = re.compile(
    r"\b(\d{1,2})(?::(\d\d))?\s*(am|pm)?(?:\s*[–-]\s*(\d{1,2})(?::\d\d)?\s*(am|pm))?"
)


def _start_hour(ann: str) -> int | None:
    """The hour (0-23) an announced event starts, from "2–3pm", "9:30am", "12:30–13:30"."""
    for m in _TIME.finditer(ann):
        start, minutes, own, end, end_suffix = m.groups()
        hour = int(start)
        if own:
            return hour % 12 + (12 if own == "pm" else 0)
        if end_suffix:
            end_hour = int(end) % 12 + (12 if end_suffix == "pm" else 0)
            return hour + 12 if hour < 12 and hour + 12 <= end_hour else hour
        if minutes:
            return hour if hour < 24 else None
    return None


def _resolve_sentence_rules(
    text: str, hits: list[_Hit], context: ReplyContext, why: list[str]
) -> list[_Hit]:
    spans = _sentence_spans(text)
    for h in hits:
        h.sentence = next(
            (i for i, (a, b, _) in enumerate(spans) if a <= h.start < b), len(spans) - 1
        )
    out: list[_Hit] = []
    for h in hits:
        negator = _NEGATED_BEFORE.search(text[max(0, h.start - 24) : h.start])
        if h.intent == "join" and h.kind in ("strong", "wish") and negator:
            why.append(f"'{h.words}' is negated")
            words = f"{negator.group().strip()} {h.words}"
            out.append(_Hit(h.start, h.end, "decline", "implied", words, h.sentence))
            continue
        if h.intent == "join" and h.kind in ("strong", "wish", "yes"):
            _, b, _ = spans[h.sentence]
            rest = text[h.end : b]
            contrast = _CONTRAST.search(rest)
            if contrast and _ONLY_IF.match(rest, contrast.end()):
                contrast = None  # "I'd come, but only if ...": a condition, not a no
            modal = h.kind == "wish" or bool(_MODAL.search(h.words))
            if modal and contrast:
                after = [
                    g
                    for g in hits
                    if g.start >= h.end + contrast.start() and g.sentence == h.sentence
                ]
                decisive_after = [
                    g for g in after if g.kind in DECISIVE_KINDS and g.intent != "join"
                ]
                if not decisive_after:
                    soft = any(g.kind == "soft" and g.intent == "maybe" for g in after)
                    doubt = _uncertain_after_contrast(rest)
                    intent = "maybe" if soft or doubt else "decline"
                    words = f"{h.words} ... {doubt or contrast.group().strip(' ,')}"
                    out.append(_Hit(h.end + contrast.start(), h.end, intent, "implied", words))
                if decisive_after:
                    why.append(f"'{h.words}' is outweighed by what follows the 'but'")
                continue
            cond = _CONDITION.search(text[h.start : b])
            if cond and (
                _COUNTERFACTUAL.search(text[h.start : b])
                or _announcement_rules_out(cond.group(1), context.announcement)
            ):
                why.append(f"'{h.words}' depends on a condition the announcement rules out")
                out.append(
                    _Hit(
                        h.start,
                        h.end,
                        "decline",
                        "implied",
                        f"condition: '{cond.group(0).strip()}'",
                    )
                )
                continue
            unsure = _uncertain_after_contrast(text[h.end : b]) or _soft_after_contrast(
                text, h, b, hits
            )
            if unsure and not any(
                g.start >= h.end
                and g.sentence == h.sentence
                and g.kind in DECISIVE_KINDS
                and g.intent != "join"
                for g in hits
            ):
                why.append(f"'{h.words}' is followed by doubt: '{unsure}'")
                out.append(_Hit(h.start, h.end, "maybe", "implied", f"{h.words} ... {unsure}"))
                continue
            if h.kind == "wish" and not contrast:
                h.kind = "strong"
        out.append(h)
    # A yes about a later event ("count me in for the next one") is not a yes to this one.
    future = {h.sentence for h in out if h.kind == "future"}
    out = [h for h in out if not (h.intent == "join" and h.sentence in future)]
    # Uncertainty in the same sentence turns a yes into a maybe ("fingers crossed I can make it").
    hedged = {h.sentence for h in out if h.kind == "hedge"}
    return [
        h for h in out if not (h.intent == "join" and h.sentence in hedged and h.kind != "hedge")
    ]


def _uncertain_after_contrast(rest: str) -> str:
    """The doubt after a "but"/"though" in the rest of a sentence ("but not sure my manager...")."""
    contrast = _CONCESSION.search(rest)
    if not contrast:
        return ""
    doubt = UNCERTAIN.search(rest, contrast.end())
    return f"{contrast.group().strip(' ,')} ... {doubt.group()}" if doubt else ""


def _soft_after_contrast(text: str, h: _Hit, end: int, hits: list[_Hit]) -> str:
    """A soft maybe after a "but" in the same sentence ("yes, but can I confirm next week?")."""
    contrast = _CONCESSION.search(text, h.end, end)
    if not contrast:
        return ""
    soft = [g for g in hits if g.kind == "soft" and contrast.end() <= g.start < end]
    return f"{contrast.group().strip(' ,')} ... {soft[-1].words}" if soft else ""


def _apply_correction(text: str, hits: list[_Hit], why: list[str]) -> list[_Hit]:
    """After a self-correction ("oh wait", "actually", "scratch that") the later words decide."""
    for marker in reversed(list(CORRECTION.finditer(text))):
        after = [h for h in hits if h.start >= marker.end()]
        label = f"self-correction '{marker.group().strip(' ,')}'"
        if any(h.kind in DECISIVE_KINDS for h in after):
            why.append(f"{label}: the words after it decide")
            return after
        for kind, intent in (("obstacle", "decline"), ("soft", "maybe")):
            found = [h for h in after if h.kind == kind]
            if found:
                h = found[-1]
                words = f"{marker.group().strip(' ,')} ... {h.words}"
                why.append(f"{label} followed by '{h.words}'")
                return [_Hit(h.start, h.end, intent, "implied", words, h.sentence)]
    return hits


def _referral(text: str) -> bool:
    return any(c.kind == "referral" and c.pattern.search(text) for c in CUES)


def classify(
    html: str, lexicon: LexiconLike | None = None, context: ReplyContext | None = None
) -> ReplyReading:
    """Read one reply's HTML and say what it means for the replier's place, and why."""
    context = context or ReplyContext()
    parsed = parse_reply_html(html)
    names = tuple(parsed.mention_names)
    sgids = tuple(parsed.mention_sgids)
    own_low = normalise(parsed.text)
    ooo_extra = [p.lower() for p in (lexicon.out_of_office if lexicon else ()) if p.strip()]
    ooo = OUT_OF_OFFICE.search(own_low)
    if ooo or any(p in own_low for p in ooo_extra):
        word = ooo.group(0) if ooo else next(p for p in ooo_extra if p in own_low)
        return ReplyReading(
            "other",
            (f"out-of-office auto-reply: '{word}'",),
            parsed.text,
            names,
            sgids,
            False,
            True,
        )
    text = normalise(strip_signature(parsed.text, lexicon))
    intent, reasons, referral = _decide(
        text, parsed.quoted, parsed.starts_with_mention, names, lexicon, context
    )
    if intent == "decline" and context.had_place:
        intent = "withdraw"
        reasons = (*reasons, "a no after taking a place is a withdrawal")
    # Interim rule until the stepwise reader lands: no cue found is sure only for plain
    # thanks or chit-chat; otherwise the bot asks rather than guesses "other".
    sure = not (reasons == ("no sign-up words found",) and not _CHIT_CHAT.search(text))
    return ReplyReading(
        intent, reasons, text, names, sgids, referral, False, sure,
        maybe_not_english=not sure and not _ENGLISH.search(text),
    )  # fmt: skip


_CHIT_CHAT = re.compile(
    r"\b(?:thanks|thank you|thx|cheers|ta|congrat\w*|well done|brilliant|lovely|great|fab)\b"
)
_ENGLISH = re.compile(
    r"\b(?:the|i|i'm|i'll|i'd|a|to|me|you|it|is|be|will|can|for|of|and|in|my|we|please|"
    r"not|no|yes|this|that|so|but|if|on|at|with|would|could|see)\b"
)


def _decide(
    text: str,
    quoted: str,
    addressed: bool,
    names: tuple[str, ...],
    lexicon: LexiconLike | None,
    context: ReplyContext,
) -> tuple[str, tuple[str, ...], bool]:
    staff = {n.lower() for n in context.staff_names}
    if addressed and names and names[0].lower() in staff:
        addressed = False  # talking to the organiser is not talking to another member
    others = [n for n in names if n.lower() not in staff]
    about_colleague = _referral(text)
    referral = bool(others) and about_colleague
    hits = _find_hits(text, [*_staff_cues(lexicon), *CUES])
    if addressed or _asks_something_else(quoted):
        # "@Sam yes, it's step-free": a bare yes answers the member, not the announcement.
        hits = [h for h in hits if not (h.intent == "join" and _is_bare_yes(h.words))]
    # "Yes, I got the email": a bare yes confirming a fact, not asking for a place.
    hits = [
        h
        for h in hits
        if not (h.intent == "join" and _is_bare_yes(h.words) and _FACT_AFTER.match(text, h.end))
    ]
    why: list[str] = []
    hits = [h for h in hits if not _someone_elses_yes(text, h, why)]
    hits = _resolve_sentence_rules(text, hits, context, why)
    hits = _apply_correction(text, hits, why)
    decisive = [h for h in hits if h.kind in DECISIVE_KINDS]
    if decisive:
        last = decisive[-1]
        return last.intent, (*why, _reason(last)), referral
    if about_colleague:
        return "other", ("about a colleague, not a place for the replier",), referral
    if addressed:
        return "other", ("a reply to another member",), referral
    asks = [h for h in hits if h.kind == "ask"]
    context_hits = [h for h in hits if h.kind == "context"]
    if context_hits and not asks:
        return (
            _from_quote(context_hits[-1], quoted, lexicon, context),
            (
                f"'{context_hits[-1].words}' read against the quote"
                if quoted
                else _reason(context_hits[-1]),
            ),
            referral,
        )
    is_question = any(q for _, _, q in _sentence_spans(text)) or bool(asks)
    if is_question:
        return "question", (f"a question: '{_first_question(text)}'",), referral
    soft = [h for h in hits if h.kind == "soft"]
    if soft:
        return soft[-1].intent, (_reason(soft[-1]),), referral
    obstacles = [h for h in hits if h.kind == "obstacle"]
    # A reason not to come after regret or a "but" is a no ("Sounds fab but I'm off that week").
    # So is a reason tied to the event's date ("I'm out of the country that week").
    regret = (
        _REGRET.search(text)
        or (_CONTRAST.search(text[: obstacles[-1].start]) if obstacles else None)
        or _WHEN.search(text)
    )
    if obstacles and regret:  # "Sadly I'm away that week": a reason and regret, so a no
        cue = regret.group().strip(" ,")
        return "decline", (f"decline: '{cue}' + '{obstacles[-1].words}' (implied)",), referral
    if not _LETTERS.search(text.replace(MENTION_TOKEN, "")):
        emoji = [h for h in hits if h.kind == "emoji"]
        if emoji:
            return emoji[-1].intent, (f"emoji on its own: '{emoji[-1].words}'",), referral
    return "other", ("no sign-up words found",), referral


def _someone_elses_yes(text: str, hit: _Hit, why: list[str]) -> bool:
    """True for a yes said of a colleague earlier in its sentence, with no "I" in between."""
    if hit.intent != "join" or _FIRST_PERSON.search(hit.words):
        return False
    start = next((a for a, b, _ in _sentence_spans(text) if a <= hit.start < b), 0)
    before = text[start : hit.start]
    third = list(_THIRD_PARTY.finditer(before))
    # Only when the colleague is the subject right before the yes, so "I heard from a friend
    # it's great, would love to come" and "my manager said yes so would love to" stay yeses.
    between = before[third[-1].end() :] if third else ""
    if not third or not _SUBJECT_GAP.fullmatch(between) or _FIRST_PERSON.search(between):
        return False
    why.append(f"'{hit.words}' is said of '{third[-1].group()}', not the replier")
    return True


def _asks_something_else(quoted: str) -> bool:
    """True when the quote ends in a question that is not the invitation ("Is it recorded?")."""
    quoted = normalise(quoted).strip()
    last = re.split(r"(?<=[.!?\n])\s*(?=\S)", quoted)[-1] if quoted else ""
    return last.endswith("?") and not _INVITATION.search(last)


def _is_bare_yes(words: str) -> bool:
    return bool(
        re.fullmatch(r"(?:yes|yeah|yep|yup|sure|absolutely|definitely|of course|ok|okay)", words)
    )


def _from_quote(hit: _Hit, quoted: str, lexicon: LexiconLike | None, context: ReplyContext) -> str:
    if not quoted:
        return "join"
    quote_reading = classify(
        f"<div>{_escape(quoted)}</div>", lexicon, ReplyContext(context.announcement)
    )
    if quote_reading.intent in ("decline", "maybe", "question", "withdraw"):
        return "decline" if quote_reading.intent == "withdraw" else quote_reading.intent
    return "join"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _first_question(text: str) -> str:
    for a, b, q in _sentence_spans(text):
        if q:
            return text[a:b].strip()[:80]
    return text[:80]


def _reason(hit: _Hit) -> str:
    label = {"hedge": "unsure", "wish": "wish", "implied": "implied", "wish_past": "past wish"}.get(
        hit.kind, hit.kind
    )
    return f"{hit.intent}: '{hit.words}' ({label})"
