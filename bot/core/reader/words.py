"""Word-level repairs before cue matching: typos within a bounded edit distance, and word
endings on phrasal verbs ("backing out" reads as the cue "back out"). Linear: one pass over
the words, each checked against precomputed one-edit variants of the cue words."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.core.lazy_re import lazy

# Words worth repairing: the ones cues are built from. Short words are left alone (one
# edit from "in" is half the dictionary).
CUE_WORDS = frozenset(
    [
        'please', 'count', 'attend', 'attending', 'coming', 'joining', 'register', 'registered',
        'interested', 'unfortunately', 'sadly', 'absolutely', 'definitely', 'available',
        'tentative', 'tentatively', 'probably', 'hopefully', 'withdraw', 'withdrawing', 'cancel',
        'cancelling', 'sorry', 'thanks', 'thank', 'place', 'places', 'spot', 'seat', 'session',
        'possibly', 'perhaps', 'maybe', 'certainly', 'course', 'sign', 'booking', 'reserve',
        'afraid', 'unable', 'manage', 'myself', 'pencil', 'yeah', 'yes',
    ]
)
# Real words one edit from a cue word: never "repaired" into it.
REAL_WORDS = frozenset(
    [
        'court', 'mount', 'county', 'counts', 'plate', 'plane', 'peace', 'palace', 'space', 'sport',
        'shot', 'slot', 'spit', 'sight', 'seal', 'seam', 'sean', 'seas', 'heat', 'beat', 'neat',
        'feat', 'sigh', 'sing', 'song', 'sick', 'ring', 'cause', 'coarse', 'source', 'maybes',
        'probable', 'booing', 'boking', 'reverse', 'reserves', 'please', 'pleased', 'pleases',
        'pause', 'phase', 'thank', 'thanked', 'tanks', 'yea', 'yet', 'yep', 'yen', 'yeh', 'years',
    ]
)
TYPOS: dict[str, str] = {
    "plese": "please", "pls": "please", "plz": "please", "pleae": "please",
    "cout": "count", "coutn": "count", "conut": "count", "definately": "definitely",
    "defo": "definitely", "deffo": "definitely", "defintely": "definitely", "im": "i'm",
    "ive": "i've", "id": "i'd", "cant": "can't", "wont": "won't", "dont": "don't",
    "couldnt": "couldn't", "wouldnt": "wouldn't", "isnt": "isn't", "didnt": "didn't",
    "cannot": "can't", "yess": "yes", "yas": "yes", "yeh": "yeah", "yea": "yeah",
    "ya": "yes", "thx": "thanks", "attnd": "attend", "attened": "attend", "joim": "join",
    "palce": "place", "plcae": "place", "unfortunatly": "unfortunately", "sadley": "sadly",
    "inn": "in",
}  # fmt: skip
_WORD = lazy(r"[a-z]+")
_PHRASAL = lazy(
    r"\b(back|drop|pull|bow|duck|sign|book|put|pencil|count|cross|scratch|rope|squeeze|slot|"
    r"opt|pop|add|take)(?:ing|ping|ting|ding|ling|king|ging)\b"
    r"(?= (?:me |myself )?(?:out|in|up|down|off|on)\b)"
)
_MYSELF = lazy(r"\b(book|sign|put|pencil|pop|add|count|squeeze) myself (in|up|down|on)\b")


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_INDEX: dict[str, str | None] = {}
for _w in sorted(CUE_WORDS):
    for _v in {_w, *_deletes(_w)}:
        _INDEX[_v] = _w if _INDEX.get(_v, _w) == _w else None  # ambiguous: leave alone


def _one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance <= 1."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return len(a) >= 6  # a wrong letter too often makes another real word
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and \
            a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _differs_inside(a: str, b: str) -> bool:
    """The slip is inside the word, not in its last two letters: a different ending is
    another word ("manager", "possible"), not a typo of "manage" or "possibly"."""
    n = min(len(a), len(b))
    first = next((i for i in range(n) if a[i] != b[i]), n)
    return first < max(len(a), len(b)) - 2


@lru_cache(maxsize=4096)
def repair(token: str) -> str:
    """The cue word a token is one slip from, or the token itself."""
    if token in TYPOS:
        return TYPOS[token]
    if len(token) < 5 or len(token) > 20 or token in CUE_WORDS or token in REAL_WORDS:
        return token
    candidates = {_INDEX.get(token)} | {_INDEX.get(v) for v in _deletes(token)}
    found = {c for c in candidates if c and c[0] == token[0] and _one_edit(token, c)
             and _differs_inside(token, c)}
    return found.pop() if len(found) == 1 else token


def normalise_words(low: str) -> str:
    """Lower-cased text with typos repaired, contractions unified and endings stripped."""
    low = re.sub(r"\bcan not\b", "can't", low)
    low = re.sub(r"\bwill not\b", "won't", low)
    low = re.sub(r"\bdo not\b", "don't", low)
    low = re.sub(r"\bwould not\b", "wouldn't", low)
    low = re.sub(r"\b(would|could|should|might|must)'ve\b", r"\1 have", low)
    low = re.sub(r"\bi'd've\b", "i'd have", low)
    low = re.sub(r"\bi will\b", "i'll", low)
    low = re.sub(r"\bi would\b", "i'd", low)
    low = _WORD.sub(lambda m: repair(m.group(0)), low)
    low = _PHRASAL.sub(r"\1", low)
    return _MYSELF.sub(r"\1 me \2", low)
