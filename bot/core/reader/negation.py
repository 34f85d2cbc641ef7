"""Step 4, negation and hedges: what modifies each cue within its scope (pure, linear).

ConText-style: a negation covers its clause up to the next conjunction or punctuation mark;
two negations make a yes; a hedge lowers a yes to a maybe and is never overridden by it; a
yes inside a plain question is no yes; a yes said of a colleague is not the replier's. Each
rule looks at a bounded window around its cue, found by binary search, so the whole step is
linear in the reply's length.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from bot.core.lazy_re import lazy
from bot.core.reader.clauses import QUESTION, REQUEST, Clauses
from bot.core.reader.conditions import announcement_rules_out
from bot.core.reader.cues import DECISIVE_KINDS, Hit
from bot.core.reader.event_cues import JOINT, UNCERTAIN

WINDOW = 240  # characters a rule looks at around its cue: bounded work per cue
MAX_CUE = 120  # no cue pattern matches more than this many characters

_CONTRAST = lazy(r"(?:,\s*|\s)(?:but|however|unfortunately|sadly|except)\b")
_CONCESSION = lazy(r"(?:,\s*|\s)(?:but|however|though|although|except)\b")
_CONDITION = lazy(r"\b(?:if|as long as|so long as|provided(?: that)?|assuming|unless)\b(.*)")
_COUNTERFACTUAL = lazy(
    r"\bif (?:it|this|that|they|the \w+) (?:were|was|wasn't|weren't) \b|\bif only\b"
)
_OPENS_CONTRAST = lazy(
    r"\W*(?:but|however|sadly|unfortunately|alas|annoyingly|though|except)\b"
)
_WORDY = lazy(r"[^\W\d_]")  # any word after the wish in its own sentence
_ONLY_IF = lazy(r"[\s,]*(?:only )?(?:if|as long as|so long as|provided|assuming)\b")
# A yes that is a wish or enthusiasm rather than a commitment gives way to a following "but".
_MODAL = lazy(r"^(?:i'd|i would|would)\b|\b(?:keen|interested|up for|tempted)\b")
# Negators and the end of their scope.
NEGATOR = lazy(
    r"\b(?:not|never|no longer|don't|won't|can't|couldn't|wouldn't|shouldn't|isn't|didn't|"
    r"no reason|no way|nothing|nobody)\b"
)
_SCOPE_END = lazy(r"[,.;:!?\n—–]|\s-\s|\b(?:but|and|so|though|although|because|as|if|or)\b")
_DOUBLE = lazy(r"not|never|no reason|no way|nothing|nobody")  # may negate a "can't"
_NEGATABLE_DECLINE = lazy(r"^(?:can't|cannot|won't|couldn't|unable|not able)\b")
_THIRD_PARTY = lazy(
    r"\b(?:my|a|our|one of my) (?:colleague|colleagues|teammate|team mate|friend|manager|boss|"
    r"deputy|director|direct report|report|team)\b|\b(?:she|he|they)(?:'d| would| wants| is| are)\b"
)
_JOINT = lazy(r"\b" + JOINT + r"\b")
_SUBJECT_GAP = lazy(
    r"(?: [\w'-]+){0,2}?(?: (?:would|wants|will|might|may|could|is|also|too|really|definitely|"
    r"very much|keen|interested|to))*\s*"
)
_FIRST_PERSON = lazy(r"\b(?:i|i'd|i'm|i'll|i've|me|my|myself|we|we'd|we'll|us)\b")
_QWORD = lazy(
    r"(?:^|[,;:]\s*|\b(?:and|so|but|also)\s+)(?:is|are|do|does|did|will|would|can|could|should|"
    r"what|when|where|how|who|which|why|has|have|shall)\b"
)
_REQUEST_AT = lazy(
    r"(?:can|could|may|might) (?:i|you|we)\b|(?:is|are) there (?:still )?(?:any )?(?:a )?"
    r"(?:place|space|room|spot)|(?:is|would) it (?:be )?(?:ok|okay|possible|alright|fine)"
)


def _window(text: str, a: int, b: int) -> str:
    return text[max(0, a) : min(len(text), b)]


def _scope_before(text: str, pos: int) -> str:
    """The words before pos that share its negation scope (back to punctuation/conjunction)."""
    before = _window(text, pos - 60, pos)
    ends = list(_SCOPE_END.finditer(before))
    return before[ends[-1].end() :] if ends else before


def _covered(hits: list[Hit], starts: list[int], a: int, b: int) -> bool:
    """Some cue already spans [a, b) (an idiom such as "can't wait" owns its negation)."""
    i = bisect_right(starts, a) - 1
    while i >= 0 and hits[i].start >= a - MAX_CUE:
        if hits[i].end >= b:
            return True
        i -= 1
    return False


def negate(text: str, hits: list[Hit], why: list[str]) -> list[Hit]:
    """A negation in a cue's scope flips it: a negated yes is a no; a negated no is a yes."""
    starts = [h.start for h in hits]
    out = []
    for h in hits:
        if h.intent not in ("join", "decline") or h.kind not in ("strong", "wish"):
            out.append(h)
            continue
        scope = _scope_before(text, h.start)
        base = h.start - len(scope)
        negators = [m for m in NEGATOR.finditer(scope)
                    if not _covered(hits, starts, base + m.start(), base + m.end())]
        if h.intent == "join" and negators and not re.search(r"\b(?:why|if)\s*$", scope[
                : negators[-1].start()]):
            if len(negators) >= 2:  # "I'm not not coming": two negations make a yes
                out.append(h)
                continue
            why.append(f"'{h.words}' is negated by '{negators[-1].group()}'")
            out.append(Hit(h.start, h.end, "decline", "implied",
                           f"{negators[-1].group()} ... {h.words}", h.sentence))
            continue
        flips = [m for m in negators if _DOUBLE.fullmatch(m.group())]
        if h.intent == "decline" and _NEGATABLE_DECLINE.match(h.words) and flips:
            why.append(f"'{h.words}' is itself negated by '{negators[-1].group()}'")
            out.append(Hit(h.start, h.end, "join", "implied",
                           f"{negators[-1].group()} ... {h.words}", h.sentence))
            continue
        out.append(h)
    return out


def in_questions(text: str, hits: list[Hit], clauses: Clauses, why: list[str]) -> list[Hit]:
    """A yes inside a plain question asks rather than answers ("Is the +1 for a guest?")."""
    asks: dict[int, tuple[int, bool] | None] = {}  # clause -> (where it asks, is a request)
    out = []
    for h in hits:
        i = clauses.index(h.start)
        clause = clauses.spans[i]
        if h.intent == "join" and clause.kind in (QUESTION, REQUEST):
            if i not in asks:
                part = text[clause.start : min(clause.end, clause.start + 4 * WINDOW)]
                q = _QWORD.search(part)
                asks[i] = None if q is None else (
                    clause.start + q.end() - len(q.group().split()[-1]),
                    bool(_REQUEST_AT.match(part, q.end() - len(q.group().split()[-1]))))
            ask = asks[i]
            mine = _FIRST_PERSON.search(h.words) or "one more" in h.words
            if ask is not None and ask[0] <= h.start and not ask[1] and not mine:
                why.append(f"'{h.words}' is inside a question")
                continue
        out.append(h)
    return out


def mentioned(text: str, hits: list[Hit], why: list[str]) -> list[Hit]:
    """A yes in quotation marks is mentioned, not said ("is it 'count me in' here?")."""
    out = []
    for h in hits:
        before, after = text[h.start - 1 : h.start], text[h.end : h.end + 1]
        if h.intent == "join" and before in ("'", '"') and after in ("'", '"'):
            why.append(f"'{h.words}' is in quotation marks")
            continue
        out.append(h)
    return out


def someone_elses(text: str, hits: list[Hit], clauses: Clauses, why: list[str]) -> list[Hit]:
    """Drop a yes said of a colleague earlier in its sentence, with no "I" in between."""
    out = []
    for h in hits:
        if h.intent == "join" and not _FIRST_PERSON.search(h.words):
            start = max(clauses.at(h.start).start, h.start - WINDOW)
            before = text[start : h.start]
            third = list(_THIRD_PARTY.finditer(before))
            between = before[third[-1].end() :] if third else ""
            joint = third and any(j.start() <= start + third[-1].start() < j.end()
                                  for j in _JOINT.finditer(text, max(0, start - 40), h.start))
            if joint:
                out.append(h)  # "me and my colleague would like ...": the writer is in it
                continue
            if third and _SUBJECT_GAP.fullmatch(between) and not _FIRST_PERSON.search(between):
                why.append(f"'{h.words}' is said of '{third[-1].group()}', not the replier")
                continue
        out.append(h)
    return out


def _after(hits: list[Hit], starts: list[int], pos: int, end: int) -> list[Hit]:
    i = bisect_left(starts, pos)
    found = []
    while i < len(hits) and hits[i].start < end:
        found.append(hits[i])
        i += 1
    return found


def sentence_rules(
    text: str, hits: list[Hit], clauses: Clauses, announcement: str, why: list[str]
) -> list[Hit]:
    """A wish then "but", conditions, and doubt in the same sentence (see module doc)."""
    for h in hits:
        h.sentence = clauses.index(h.start)
    starts = [h.start for h in hits]
    out: list[Hit] = []
    for h in hits:
        if not (h.intent == "join" and h.kind in ("strong", "wish", "yes")):
            out.append(h)
            continue
        b = min(clauses.spans[h.sentence].end, h.end + WINDOW)
        rest = text[h.end : b]
        same = [g for g in _after(hits, starts, h.end, b) if g.sentence == h.sentence]
        contrast = _CONTRAST.search(rest)
        if contrast and _ONLY_IF.match(rest, contrast.end()):
            contrast = None  # "I'd come, but only if ...": a condition, not a no
        modal = h.kind == "wish" or bool(_MODAL.search(h.words))
        if modal and not contrast and not _WORDY.search(rest):
            # "I'd love to. Sadly I'm in Leeds that day": the "but" opens the next sentence.
            nxt = h.sentence + 1
            if nxt < len(clauses.spans) and not clauses.spans[nxt].corrects:
                b2 = min(clauses.spans[nxt].end, b + WINDOW)
                opener = _OPENS_CONTRAST.match(text, b, b2)
                if opener:
                    b, rest = b2, text[h.end : b2]
                    contrast = _CONTRAST.search(rest) or _OPENS_CONTRAST.search(rest)
                    same = [g for g in _after(hits, starts, h.end, b)
                            if g.sentence in (h.sentence, nxt)]
        if modal and contrast:
            after = [g for g in same if g.start >= h.end + contrast.start()]
            decisive_after = [g for g in after if g.kind in DECISIVE_KINDS and g.intent != "join"]
            if not decisive_after:
                soft = any(g.kind == "soft" and g.intent == "maybe" for g in after)
                doubt = _doubt(rest)
                intent = "maybe" if soft or doubt else "decline"
                words = f"{h.words} ... {doubt or contrast.group().strip(' ,')}"
                out.append(Hit(h.end + contrast.start(), h.end, intent, "implied", words,
                               h.sentence))
            else:
                why.append(f"'{h.words}' is outweighed by what follows the 'but'")
            continue
        span = text[h.start : b]
        cond = _CONDITION.search(span)
        if cond and (_COUNTERFACTUAL.search(span)
                     or announcement_rules_out(cond.group(1), announcement)):
            why.append(f"'{h.words}' depends on a condition the announcement rules out")
            out.append(Hit(h.start, h.end, "decline", "implied",
                           f"condition: '{cond.group(0).strip()}'", h.sentence))
            continue
        unsure = _doubt(rest) or _soft_after(rest, h.end, same)
        if unsure and not any(g.kind in DECISIVE_KINDS and g.intent != "join" for g in same):
            why.append(f"'{h.words}' is followed by doubt: '{unsure}'")
            out.append(Hit(h.start, h.end, "maybe", "implied", f"{h.words} ... {unsure}",
                           h.sentence))
            continue
        if h.kind == "wish" and not contrast:
            h.kind = "strong"
        out.append(h)
    # A yes or a maybe about a later event ("count me in for the next one", "maybe the next
    # one") is not an answer about this one.
    future = {h.sentence for h in out if h.kind == "future"}
    out = [h for h in out if not (h.intent in ("join", "maybe") and h.kind != "implied"
                                  and h.sentence in future)]
    # A hedge lowers a yes in its sentence to a maybe ("fingers crossed I can make it").
    hedged = {h.sentence for h in out if h.kind == "hedge"}
    return [h for h in out
            if not (h.intent == "join" and h.sentence in hedged and h.kind != "hedge")]


def _doubt(rest: str) -> str:
    """The doubt after a "but"/"though" in the rest of a sentence ("but not sure my ...")."""
    contrast = _CONCESSION.search(rest)
    if not contrast:
        return ""
    doubt = UNCERTAIN.search(rest, contrast.end())
    return f"{contrast.group().strip(' ,')} ... {doubt.group()}" if doubt else ""


def _soft_after(rest: str, offset: int, same: list[Hit]) -> str:
    """A soft maybe after a "but" in the same sentence ("yes, but can I confirm next week?")."""
    contrast = _CONCESSION.search(rest)
    if not contrast:
        return ""
    soft = [g for g in same if g.kind == "soft" and g.start >= offset + contrast.end()]
    return f"{contrast.group().strip(' ,')} ... {soft[-1].words}" if soft else ""


def corrections(text: str, hits: list[Hit], clauses: Clauses, why: list[str]) -> list[Hit]:
    """After a self-correction ("oh wait", "actually", "scratch that") the later words decide."""
    starts = [h.start for h in hits]
    for marker in reversed(clauses.corrections[-20:]):  # bounded: the last few markers
        i = bisect_left(starts, marker.end())
        after = hits[i:]
        label = f"self-correction '{marker.group().strip(' ,')}'"
        if any(h.kind in DECISIVE_KINDS for h in after):
            why.append(f"{label}: the words after it decide")
            return after
        for kind, intent in (("obstacle", "decline"), ("soft", "maybe")):
            found = [h for h in after if h.kind == kind]
            if found:
                h = found[-1]
                why.append(f"{label} followed by '{h.words}'")
                return [Hit(h.start, h.end, intent, "implied",
                            f"{marker.group().strip(' ,')} ... {h.words}", h.sentence)]
    return hits
