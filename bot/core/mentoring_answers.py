"""Short answers the mentoring round reads: staff approvals and "have you met?" replies (pure)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.mentoring import reply_text, split_signature


@dataclass(frozen=True)
class ApprovalReply:
    """What a staff reply on the proposed pairs asks for."""

    approve: bool
    drops: tuple[tuple[str, str], ...]  # (name, name) as written


_DROP = re.compile(
    r"\b(?:drop|remove|unpair|skip|don't pair|do not pair)\s+(.+?)\s*(?:&|\+|\band\b|/|,|\bwith\b)"
    r"\s*(.+?)\s*(?:[.;!\n]|$)",
    re.I,
)
_APPROVE = re.compile(
    r"\b(?:approved?|approving|lgtm|go ahead|looks good|all good|sign(?:ed)? off)\b", re.I
)
_NOT_APPROVE = re.compile(
    r"\b(?:not|don't|do not|can't|cannot|before I|once|will|going to|shall)\b[\w\s]{0,20}\bapprove"
    r"|'ll approve|\bapprove\w* (?:once|when|after|later|tomorrow|soon)\b",
    re.I,
)


def read_approval(html: str) -> ApprovalReply:
    """'approve', 'drop Ada Okafor & Grace Lim' (one per line or sentence), or both."""
    text, _ = split_signature(reply_text(html)[:4000])
    drops = tuple((a.strip(" '\""), b.strip(" '\"")) for a, b in _DROP.findall(text))
    without_drops = _DROP.sub(" ", text)
    approve = bool(_APPROVE.search(without_drops)) and not _NOT_APPROVE.search(without_drops)
    return ApprovalReply(approve=approve, drops=drops)


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


_MET_NO = re.compile(
    r"\b(?:not yet|haven't|have not|hasn't|not managed|didn't|did not|no chance|struggl\w*|"
    r"yet to|still to|keep missing|going to meet|will meet|are meeting|meeting next|planning to|"
    r"no,|nope)\b",
    re.I,
)
_MET_YES = re.compile(
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
