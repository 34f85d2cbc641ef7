"""Step 6, context: what the reader knows besides the reply (pure).

A short reply takes its meaning from the quote it sits under ("same", "+1"), from the
person's earlier reading (a no after a yes is a withdrawal) or from the bot's question
(a bare "yes" or "👍" answers it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.lazy_re import lazy

_INVITATION = lazy(
    r"\b(?:place|places|spot|seat|join|joining|come|coming|attend|attending|sign(?:ing)? up|"
    r"interested|fancy|like to|want to|keen|reply|count|register|book)\b"
)
_BARE_YES = lazy(
    r"(?:yes|yeah|yep|yup|sure|absolutely|definitely|of course|ok|okay)"
)
_ANSWER_YES = lazy(
    r"^\W*(?:yes|yeah|yep|yup|yes please|please|ok|okay|sure|go on|definitely|absolutely)?"
    r"[\s!.,]*(?:👍|✅|✔|☑|🙋\S*)?[\s!.]*$"
)
# Taking back one's own earlier reply: "forget that", "ignore my last message", "actually no".
_RETRACTION = lazy(
    r"\b(?:scratch|forget|ignore|disregard|strike|cancel) (?:that|this)(?=\s*(?:[^\w\s]|$|sorry\b))"
    r"|\b(?:scratch|forget|ignore|disregard) (?:my|the) (?:last|previous|earlier|above)\b"
    r"|\b(?:ignore|forget|disregard) (?:what i (?:just )?said|the above|me)\b"
    r"|\btake (?:that|it) back\b|\bactually,? no\b(?!\s+(?:problem|worries|need|rush|idea|doubt))"
    r"|\b(?:no,? wait|wait,? no)\b"
)
_ANSWER_NO = lazy(r"^\W*(?:no|nope|no thanks|no thank you|nah)[\s!.,]*(?:👎|❌)?[\s!.]*$")


@dataclass(frozen=True)
class ReplyContext:
    """What the reader knows besides the reply itself."""

    announcement: str = ""  # subject and/or text of the post being replied to
    had_place: bool = False  # the replier already holds a place (a "no" is then a withdrawal)
    staff_names: frozenset[str] = frozenset()  # mentioning these is not a referral
    previous_intent: str | None = None  # the intent of this person's last sure reading here
    awaiting_answer: bool = False  # the bot asked this person what they meant; this may answer


def is_bare_yes(words: str) -> bool:
    return bool(_BARE_YES.fullmatch(words))


def asks_something_else(quoted_low: str) -> bool:
    """True when the quote ends in a question that is not the invitation ("Is it recorded?")."""
    quoted_low = quoted_low.strip()[-2000:]
    last = re.split(r"(?<=[.!?\n])\s*(?=\S)", quoted_low)[-1] if quoted_low else ""
    return last.endswith("?") and not _INVITATION.search(last)


def answer_to_question(low: str) -> str | None:
    """A bare "yes", "👍" or "✅" (or "no") answering the bot's question: join / decline."""
    if not low.strip():
        return None
    if _ANSWER_YES.match(low):
        return "join"
    if _ANSWER_NO.match(low):
        return "decline"
    return None


def retraction(low: str) -> str:
    """The words with which the writer takes back her own earlier reply, or ""."""
    found = _RETRACTION.search(low[:4000])
    return found.group() if found else ""


def after_earlier(intent: str, context: ReplyContext) -> tuple[str, str]:
    """A no after taking (or asking for) a place is a withdrawal."""
    if intent == "decline" and (context.had_place or context.previous_intent == "join"):
        return "withdraw", "a no after taking a place is a withdrawal"
    return intent, ""
