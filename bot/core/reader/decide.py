"""Step 5, decide: the last decisive clause wins, and the reader says whether it is sure.

Sure must be cheap to earn on ordinary replies (one clear cue) and honest on the rest:
- two strong opposing clauses not linked by a correction give "unsure";
- a hedge is never overridden by a later yes (the reply is a maybe);
- "no cue found" is sure only when the reply is plainly not about taking part (thanks,
  chit-chat, an out-of-office reply, a reply to another member); otherwise it is unsure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.lazy_re import lazy
from bot.core.reader.cues import DECISIVE_KINDS, Hit

_POLARITY = {"join": 1, "decline": -1, "withdraw": -1}
# Words about taking part: a reply with one of these and no cue we know may be a yes or a no.
PARTICIPATION = lazy(
    r"\b(?:come|coming|came|join|joining|attend|attending|place|seat|spot|ticket|miss|missing|"
    r"keep me|count|sign|signed|book|booked|booking|register|registered|reserve|save me|"
    r"be there|make it|going|cancel|withdraw|drop|pull out|back out|un-?sign|in for|i'm in|"
    r"me in|me out|be there|available|diary|away|along|pop|slot|room|space|list|up for|"
    r"interested|keen|definitely|yes|no|yeah|nope|ok|okay|sure|maybe|hopefully|probably|"
    r"can't|won't|wouldn't|might|see you)\b"
)
# Words of thanks, praise and greeting: a reply made only of these is plainly chit-chat.
CHIT_CHAT = lazy(
    r"\b(?:thanks|thank you|thank u|ta|cheers|great|brilliant|lovely|amazing|fab|fabulous|"
    r"fantastic|wonderful|congrat\w*|well done|loved|enjoyed|recommend|hello|hi|hey|welcome|"
    r"interesting|useful|helpful|nice|wow|excellent|super|good (?:morning|afternoon)|"
    r"what a|line-?up|organising|organizing|sharing|shared|glad|pleased|love this|"
    r"so good|great to see|lovely to see)\b|👏|❤|💜|😊|🙂|🙏|💯|🎉"
)
# About another time: "I'd love to go to one of these one day", "it was great last time".
OTHER_TIME = lazy(
    r"\b(?:one day|some day|someday|next (?:time|one|year|round)|in (?:the )?future|"
    r"last (?:time|year|one|session|round|cohort|course)|i went|loved (?:the|it|last)|"
    r"enjoyed (?:the|it|last)|hear(?:ing)? (?:how|about) it|how it (?:goes|went))\b"
)
# About other people, with no word about the writer: "Everyone should sign up, it's fab".
OTHERS = lazy(r"\b(?:everyone|everybody|anyone|anybody|those who|so many (?:people|of you)|"
                    r"all of you|you're|"
                    r"you are|people|they're|she's|he's)\b")
_IDIOM = lazy(r"\bcan't (?:wait|believe|recommend|thank)\w*")
FIRST_PERSON = lazy(r"\b(?:i|i'm|i'd|i'll|i've|me|my|myself)\b")
NEGATIVE = lazy(
    r"\b(?:not|no|never|cancel\w*|sorry|unfortunately|sadly|afraid|drop|withdraw\w*|"
    r"pull|remove|off|out|instead|anymore|any more|after all)\b|n't\b"
)


@dataclass
class Decision:
    """What the reply means, how sure the reader is, and why."""

    intent: str
    reasons: list[str] = field(default_factory=list)
    sure: bool = True
    maybe_not_english: bool = False


def decisive(hits: list[Hit], why: list[str]) -> Decision | None:
    """The last decisive cue's intent, lowered by an earlier hedge, unsure on a conflict."""
    found = [h for h in hits if h.kind in DECISIVE_KINDS]
    if not found:
        return None
    last = found[-1]
    reasons = [*why, last.describe()]
    hedges = [h for h in found[:-1] if h.intent == "maybe"]
    if last.intent == "join" and hedges:
        # "Hopefully. Yes please!": the hedge is never overridden by the later yes.
        return Decision("maybe", [*reasons, f"the earlier '{hedges[-1].words}' still holds"])
    polarity = _POLARITY.get(last.intent, 0)
    against = [h for h in found[:-1] if polarity and _POLARITY.get(h.intent, 0) == -polarity
               and h.kind in ("strong", "implied") and h.sentence != last.sentence]
    if against and last.kind in ("strong", "implied"):
        reasons.append(f"'{against[-1].words}' says the opposite, with no correction between")
        return Decision(last.intent, reasons, sure=False)
    return Decision(last.intent, reasons)


def no_cue(text: str, had_place: bool = False, answered: bool = False) -> Decision:
    """Nothing decisive was found: sure only if the reply is plainly not about taking part.

    ``answered``: a bare "yes" was read as answering someone else or confirming a fact.
    """
    if not text.strip():
        return Decision("other", ["no words of the replier's own"])
    if CHIT_CHAT.search(text) and not PARTICIPATION.search(text):
        return Decision("other", ["thanks or chit-chat, nothing about taking part"])
    if answered:
        return Decision("other", ["a yes that answers something else, not the invitation"])
    calm = _IDIOM.sub("", text)  # "can't recommend it enough" is no negation
    if OTHER_TIME.search(text) and not NEGATIVE.search(calm):
        return Decision("other", ["about another time, not this event"])
    if OTHERS.search(text) and not FIRST_PERSON.search(text):
        return Decision("other", ["about other people, not the replier"])
    if had_place and not NEGATIVE.search(calm):
        # Nothing here changes a place already held: "Still coming, just running late!"
        return Decision("other", ["holds a place; nothing here changes it"])
    return Decision("other", ["no sign-up words found: not sure what this means"], sure=False)
