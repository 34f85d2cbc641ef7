"""Step 3, cues: every cue found in the normalised text, with its intent, kind, strength and
position. Cues are tried in priority order (staff phrases, fixed idioms, then the rest); a
matched span is masked so a longer idiom ("count me out") beats a shorter one ("count me").

Masking is done once per cue pattern (all its matches at once), so finding cues costs one
scan of the text per pattern: linear in the reply's length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from bot.core.lazy_re import lazy
from bot.core.reader.event_cues import CUES, Cue
from bot.core.reader.intents import INTENTS  # its own module so the CLI lists intents cheaply

# Kinds that decide a reply on their own; the others count only when nothing decisive is said.
DECISIVE_KINDS = frozenset({"strong", "hedge", "wish", "wish_past", "implied"})
STRENGTH = {"strong": 1.0, "implied": 0.9, "wish": 0.8, "wish_past": 0.8, "hedge": 0.5,
            "soft": 0.4, "obstacle": 0.4, "context": 0.6, "emoji": 0.6, "ask": 0.5}


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


@dataclass
class Hit:
    """One cue found: where, what it means, how strongly."""

    start: int
    end: int
    intent: str
    kind: str
    words: str
    sentence: int = 0
    source: str = "built-in"

    @property
    def strength(self) -> float:
        return STRENGTH.get(self.kind, 0.3)

    def describe(self) -> str:
        label = {"hedge": "unsure", "wish": "wish", "implied": "implied",
                 "wish_past": "past wish"}.get(self.kind, self.kind)
        return f"{self.intent}: '{self.words}' ({label})"


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(w) for w in phrase.lower().split())
    left = r"\b" if phrase[:1].isalnum() else ""
    right = r"\b" if phrase[-1:].isalnum() else ""
    return lazy(left + body + right)


def staff_cues(lexicon: LexiconLike | None) -> list[Cue]:
    """Phrases staff added in config/replies.yaml: matched before the built-in ones."""
    if lexicon is None:
        return []
    cues = []
    for intent in INTENTS:
        kind = "ask" if intent == "question" else "strong"
        for phrase in getattr(lexicon, intent, ()) or ():
            if phrase.strip():
                cues.append(Cue(intent, kind, phrase_pattern(phrase.strip())))
    return cues


def find_hits(text: str, lexicon: LexiconLike | None = None) -> list[Hit]:
    """Every cue in the text, in order of position; earlier cues mask what they matched."""
    masked = text
    hits: list[Hit] = []
    for cue in (*staff_cues(lexicon), *CUES):
        if cue.kind == "referral":
            continue  # referrals are looked for separately, on the unmasked text
        spans = [(m.start(), m.end()) for m in cue.pattern.finditer(masked) if m.end() > m.start()]
        if not spans:
            continue
        pieces, last = [], 0
        for a, b in spans:
            hits.append(Hit(a, b, cue.intent, cue.kind, text[a:b].strip()))
            pieces += [masked[last:a], "\x00" * (b - a)]
            last = b
        masked = "".join([*pieces, masked[last:]])
    hits.sort(key=lambda h: h.start)
    return hits


def referral(text: str) -> bool:
    """The reply points a colleague at the event rather than asking for the replier."""
    return any(c.kind == "referral" and c.pattern.search(text) for c in CUES)
