"""Topic and seniority vocabulary for the mentoring reader, with one-slip spelling repair.

Built from config/mentoring.yaml by the job or command; pure data and regexes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.core import mentoring_cues as cue
from bot.core.lazy_re import lazy


@dataclass(frozen=True)
class Vocabulary:
    """Topic names with their synonyms, and seniority levels (most junior first) with theirs."""

    topics: Mapping[str, Sequence[str]]
    levels: Sequence[tuple[str, Sequence[str]]] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_topic_res", _compile(self.topics.items()))
        object.__setattr__(self, "_level_res", _compile(self.levels))
        object.__setattr__(self, "_spell", _spelling_index(self.topics.items()))

    def correct(self, text: str) -> str:
        """Mend one-letter slips in topic words ("leadrship", "prcurement") so synonyms match."""
        index: dict[str, str | None] = self._spell  # type: ignore[attr-defined]
        return _WORD.sub(lambda m: _mend(m.group(0), index), text)


_WORD = lazy(r"[a-z]{6,}")
MIN_TYPO_WORD = 8  # shorter words are too often another real word ("contact", "leaning")
MIN_SWAP_WORD = 6  # two letters swapped ("desgin") hardly ever makes another real word


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _swaps(word: str) -> set[str]:
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}


def _spelling_index(items: Iterable[tuple[str, Sequence[str]]]) -> dict[str, str | None]:
    """Each topic word of 6+ letters to itself, and each one-letter-short misspelling of the
    8+ letter ones to the word (None where two share one: an ambiguous slip is left alone)."""
    words = {w for name, syns in items for phrase in (name, *syns) for w in phrase.split()
             if w.isalpha() and len(w) >= MIN_SWAP_WORD}  # fmt: skip
    index: dict[str, str | None] = {w: w for w in words}
    for word in sorted(w for w in words if len(w) >= MIN_TYPO_WORD):
        for variant in _deletes(word) - words:
            index[variant] = word if index.get(variant, word) == word else None
    return index


def _mend(token: str, index: dict[str, str | None]) -> str:
    """The topic word a token is one slip from: a missing, extra or swapped letter.

    A wrong letter is not mended (it too often makes another real word: "preventing" is not
    "presenting"), nor an ending ("contract" is not "contracts"): a real inflection is not a
    typo, and starred synonyms already match those."""
    if token in cue.REAL_WORDS:
        return token
    found = index.get(token, "")
    if found == token:
        return token
    # missing letter: the token is a listed slip; extra or swapped letter: a variant is a word
    candidates = {v for v in _deletes(token) if len(v) >= MIN_TYPO_WORD and index.get(v) == v}
    candidates |= {v for v in _swaps(token) if index.get(v) == v}
    candidates |= {found} if found else set()
    if len(candidates) != 1:
        return token
    word = candidates.pop()
    if word[0] != token[0] or word.startswith(token) or token.startswith(word):
        return token
    return word


def _phrase_re(phrase: str) -> str:
    """Turn a staff-written phrase into a regex: `*` ends a word freely, `...` skips <=4 words."""
    parts = []
    for word in phrase.lower().split():
        if word == "...":
            parts.append(r"(?:\S+\s+){0,4}?")
            continue
        star = word.endswith("*")
        core = re.escape(word.rstrip("*"))
        parts.append(core + (r"[\w'-]*" if star else "") + r"\s+")
    body = "".join(parts)
    body = body[: -len(r"\s+")] if body.endswith(r"\s+") else body
    return r"(?<![\w-])" + body + r"(?![\w-])"


def _compile(items: Iterable[tuple[str, Sequence[str]]]) -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for name, synonyms in items:
        phrases = sorted({name, *synonyms}, key=len, reverse=True)
        out.append((name, lazy("|".join(_phrase_re(p) for p in phrases))))
    return out


