"""Members' ideas (pure): is a reply a vote or a proposal, which idea it backs, the ranking,
and staff's strict "take up N" command on the digest.

A reply that only agrees ("+1", "me too", "yes please!", "👍") is a vote, never an idea of its
own: it backs the idea it quotes, or else the latest idea above it. Votes (replies and boosts)
are counted once per person, and never the proposer's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.core.lazy_re import lazy

# A reply made only of these (and punctuation, emoji, a name) is agreement, not a proposal.
_VOTE = lazy(
    r"^(?:\+\s?1|\+\+|me too|me 2|same here|same|agreed?|i agree|totally agree|seconded|"
    r"i second (?:this|that)|second(?:ed)? this|this|this one|yes|yes please|definitely|"
    r"absolutely|great idea|good idea|love (?:this|that|it)|i'd love (?:this|that)|"
    r"yes to (?:this|that)|count me in|hear hear|100%|ditto)"
    r"(?:[\s,.!]+(?:\+\s?1|me too|great idea|good idea|love (?:this|that|it)|definitely|"
    r"absolutely|yes|agreed?|so much|please|from me|too|as well))*$",
    re.I,
)
_NOISE = lazy(r"[^\w\s+%']+", re.U)  # emoji and punctuation
_THUMBS = lazy(r"^[\s👍🙌❤️💯✅+1]+$")


def is_vote(text: str, signature_name: str | None = None) -> bool:
    """Whether a reply's own words (quotes removed) only agree with something already said."""
    lines = [ln.strip() for ln in (text or "").strip().splitlines() if ln.strip()]
    if signature_name and len(lines) > 1 and _is_name(lines[-1], signature_name):
        lines = lines[:-1]
    words = " ".join(lines)
    if not words:
        return False
    if _THUMBS.match(words):
        return True
    plain = " ".join(_NOISE.sub(" ", words).split())
    return bool(plain) and len(plain.split()) <= 8 and bool(_VOTE.match(plain))


def _is_name(line: str, name: str) -> bool:
    first = name.split()[0].lower() if name.split() else ""
    return line.lower().strip(" -–—.,") in (name.lower(), first)


@dataclass(frozen=True)
class IdeaRef:
    """An idea as the vote finder sees it."""

    comment_id: int
    title: str
    created_at: datetime


def vote_target(quotes: Sequence[str], at: datetime, ideas: Sequence[IdeaRef]) -> int | None:
    """The idea a vote backs: the one it quotes, else the latest idea written before it."""
    for quoted in quotes:
        q = " ".join(quoted.lower().split())
        for idea in ideas:
            title = " ".join(idea.title.lower().split()).rstrip("…")
            if q and title and (q in title or title in q):
                return idea.comment_id
    earlier = [i for i in ideas if i.created_at <= at]
    if not earlier:
        return None
    return max(earlier, key=lambda i: (i.created_at, i.comment_id)).comment_id


def count_votes(proposer_id: int, voters: Iterable[int], me: int | None = None) -> int:
    """Distinct people backing an idea, not counting the proposer (or the bot)."""
    return len({v for v in voters if v not in (proposer_id, me)})


@dataclass(frozen=True)
class RankedIdea:
    """An idea with its votes and state, for digests and exports."""

    number: int
    title: str
    votes: int
    state: str
    proposer: str
    created_at: datetime


def rank(ideas: Iterable[RankedIdea]) -> list[RankedIdea]:
    """Most votes first; ties go to the earlier idea."""
    return sorted(ideas, key=lambda i: (-i.votes, i.created_at, i.number))


_TAKE_UP = lazy(r"^take up\s+(\d+(?:\s*(?:,|and|&)\s*\d+)*)$", re.I)


def read_take_up(text: str) -> list[int] | None:
    """The idea numbers in a whole-reply "take up 3" (or "take up 3, 5"); None otherwise.

    Strict on purpose: a staff reply that says anything else ("shall we take up 3?",
    "take up 3 next year") is not acted on, and the bot says so.
    """
    words = " ".join((text or "").split()).strip().rstrip(".!")
    m = _TAKE_UP.match(words)
    if not m:
        return None
    return sorted({int(n) for n in re.findall(r"\d+", m.group(1))})
