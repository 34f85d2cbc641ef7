"""Short answers the mentoring round reads: staff approvals and "have you met?" replies (pure)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.lazy_re import lazy
from bot.core.mentoring import reply_text, split_signature


@dataclass(frozen=True)
class ApprovalReply:
    """What a staff reply on the proposed pairs asks for (nothing unless `understood`)."""

    approve: bool
    drops: tuple[tuple[str, str], ...]  # (name, name) as written
    holds: tuple[tuple[str, str], ...] = ()  # pairs kept back from introductions for now
    understood: bool = True  # False: not made only of commands; the bot acts on none of it


# Staff approval is strict: a reply acts only when every part of it is a command. A
# sentence that merely contains "approve" or "looks good" ("Can you approve these, Priya?",
# "no, don't send. all good otherwise") must never send introductions.
_PART_END = lazy(r"[\n.;!?]+")
_FILLER = r"(?:please|thanks|thank you|many thanks|cheers|ta|ok|okay)"
_LEAD = lazy(rf"^(?:(?:{_FILLER}|otherwise|then|and)[\s,]+)+")
_TRAIL = lazy(rf"(?:[\s,]+{_FILLER})+$")
_APPROVE_CMD = lazy(r"approved?(?: (?:all|them|these|all pairs|the pairs|all of them))?")
_PAIR_CMD = lazy(r"(drop|hold)\s+(.+?)\s*(?:&|\+|\band\b|/)\s*(.+)", re.I)
_SYMBOLS = lazy(r"[^\w\s&+/'’-]")


def read_approval(html: str) -> ApprovalReply:
    """Whole-reply commands: 'approve' / 'approve all', 'drop A & B', 'hold A & B', one a line."""
    text, _ = split_signature(reply_text(html)[:4000])
    approve, drops, holds, parts = False, [], [], 0
    for raw in _PART_END.split(text):
        part = " ".join(_SYMBOLS.sub(" ", raw).split()).strip(" ,-")
        low = part.lower()
        if not low or re.fullmatch(rf"{_FILLER}(?:[\s,]+{_FILLER})*", low):
            continue  # "Thanks!" around a command is fine
        part = part[len(_LEAD.match(low).group(0)) :] if _LEAD.match(low) else part
        low = part.lower()
        trail = _TRAIL.search(low)
        if trail:
            part, low = part[: trail.start()], low[: trail.start()]
        parts += 1
        if _APPROVE_CMD.fullmatch(low):
            approve = True
            continue
        pair = _PAIR_CMD.fullmatch(part)
        if pair is None or pair.group(1).lower() not in ("drop", "hold"):
            return ApprovalReply(approve=False, drops=(), holds=(), understood=False)
        names = (pair.group(2).strip(" '\""), pair.group(3).strip(" '\""))
        (drops if pair.group(1).lower() == "drop" else holds).append(names)
    if parts == 0:
        return ApprovalReply(approve=False, drops=(), holds=(), understood=False)
    return ApprovalReply(approve=approve, drops=tuple(drops), holds=tuple(holds))


def names_match(written: str, full_name: str) -> bool:
    """Whether a name staff wrote ("Ada", "ada okafor", "@Ada") means this person."""
    w = " ".join(written.lower().lstrip("@").split())
    full = " ".join(full_name.lower().split())
    return bool(w) and (w == full or w == full.split()[0] or full.startswith(w + " "))


def find_pair(drop: tuple[str, str], pairs: Sequence[tuple[int, int, str, str]]) -> list[int]:
    """Indexes of the (mentor_id, mentee_id, mentor_name, mentee_name) pairs a drop names."""
    a, b = drop
    return [
        i for i, (_, _, mentor, mentee) in enumerate(pairs)
        if (names_match(a, mentor) and names_match(b, mentee))
        or (names_match(a, mentee) and names_match(b, mentor))
    ]  # fmt: skip


_MET_NO = lazy(
    r"\b(?:not yet|haven't|have not|hasn't|not managed|didn't|did not|no chance|struggl\w*|"
    r"yet to|still to|keep missing|going to meet|will meet|are meeting|meeting next|planning to|"
    r"no,|nope)\b",
    re.I,
)
_MET_YES = lazy(
    r"\b(?:yes|yep|yeah|we(?:'ve| have)? met|met (?:up|twice|once|a few|several|last|on|for)|"
    r"we met|had (?:our|a) (?:first )?(?:chat|call|meeting|session|coffee)|caught up|"
    r"meeting (?:regularly|monthly|every)|been meeting|spoke|talked)\b",
    re.I,
)


def read_met(html: str) -> bool | None:
    """True if a follow-up reply says the pair has met, False if not yet, None if unclear."""
    text, _ = split_signature(reply_text(html)[:4000])
    if _MET_NO.search(text):
        return False
    if _MET_YES.search(text):
        return True
    return None


# A boost on the bot's "which role?" question. The question offers one emoji per choice, so a
# boost maps to one role; a bare ✅ or 👍 cannot tell mentor from mentee and answers nothing.
_BOOST_ROLES = {
    "1⃣": "mentor", "1": "mentor", "mentor": "mentor",
    "2⃣": "mentee", "2": "mentee", "mentee": "mentee",
    "3⃣": "both", "3": "both", "both": "both",
    "❌": "decline", "✖": "decline", "👎": "decline", "no": "decline", "no thanks": "decline",
    "not this time": "decline",
}  # fmt: skip


def role_boost_answer(content: str | None) -> str | None:
    """'mentor', 'mentee', 'both', 'decline' or None for a boost on the role question."""
    text = " ".join((content or "").replace("\ufe0f", "").strip().lower().rstrip("!. ").split())
    return _BOOST_ROLES.get(text)
