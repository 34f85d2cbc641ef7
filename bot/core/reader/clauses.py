"""Step 2, clauses: sentences, contrasts and self-corrections, each a statement, a question
or a request. Positions index the normalised text; finding a position's clause is a binary
search, so reading stays linear in the reply's length."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from bot.core.lazy_re import lazy

STATEMENT, QUESTION, REQUEST = "statement", "question", "request"

_SENTENCE_END = lazy(r"(?<!\.)\.(?!\.)|[!?]+\.*|\n")
# Self-correction markers: what follows one replaces what came before ("Count me in — oh
# wait, I'm on leave"). "Actually" counts only at the start of a clause, not as emphasis.
CORRECTION = lazy(
    r"\b(?:oh wait|wait,? no|no wait|hang on|hold on|scratch that|on second thoughts?|"
    r"on reflection|ignore (?:that|me|my (?:last|previous) \w+)|change of plans?|correction)\b"
    r"|(?:^|(?<=[.!?,;:\n—–-])|(?<=[.!?,;:\n—–-] )|\b(?:oh|um|hmm|erm|ah|ok|so) ,?)"
    r"(?:actually|wait)\b(?!ing)"
)
CONTRAST = lazy(r"(?:,\s*|\s)(?:but|however|though|although|except)\b")
# A question that asks for a place for the writer ("Could I grab a place?") is a request.
_REQUEST = lazy(
    r"^\W*(?:(?:and|so|oh|ooh|hi|hello)\W+)?(?:please,? )?(?:can|could|may|might) (?:i|you|we)\b"
    r"|^\W*(?:is there|are there|any) (?:still )?(?:any )?(?:chance|room|space|place|spot)"
    r"|^\W*(?:would|is) it be (?:ok|okay|possible)|^\W*(?:is it|would it be) (?:ok|okay|"
    r"possible|alright|fine) (?:if i|for me)"
)


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    kind: str  # statement | question | request
    corrects: bool  # starts with a self-correction ("oh wait", "actually")


class Clauses:
    """The clauses of one text, with a fast position -> clause lookup."""

    def __init__(self, text: str) -> None:
        cuts = [(m.end(), "?" in m.group()) for m in _SENTENCE_END.finditer(text)]
        self.corrections = [m for m in CORRECTION.finditer(text) if m.start() > 0]
        cuts += [(m.start(), False) for m in self.corrections]
        correction_starts = {m.start() for m in self.corrections}
        spans: list[Clause] = []
        start = 0
        for end, question in sorted(cuts):
            if end > start:
                spans.append(self._clause(text, start, end, question, correction_starts))
                start = end
        if start < len(text) or not spans:
            spans.append(self._clause(text, start, len(text), False, correction_starts))
        self.spans = spans
        self._starts = [c.start for c in spans]

    @staticmethod
    def _clause(text: str, a: int, b: int, question: bool, corr: set[int]) -> Clause:
        kind = STATEMENT
        if question:
            kind = REQUEST if _REQUEST.search(text[a : min(b, a + 80)]) else QUESTION
        return Clause(a, b, kind, a in corr)

    def index(self, pos: int) -> int:
        return max(0, bisect_right(self._starts, pos) - 1)

    def at(self, pos: int) -> Clause:
        return self.spans[self.index(pos)]

    def any_question(self) -> bool:
        return any(c.kind != STATEMENT for c in self.spans)

    def first_question(self, text: str) -> str:
        for c in self.spans:
            if c.kind != STATEMENT:
                return text[c.start : c.end].strip()[:80]
        return text[:80]
