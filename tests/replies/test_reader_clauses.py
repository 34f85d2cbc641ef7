"""reader.clauses: sentences, self-corrections, and statement / question / request."""

from __future__ import annotations

from bot.core.reader.clauses import QUESTION, REQUEST, STATEMENT, Clauses


def kinds(text: str) -> list[tuple[str, str]]:
    c = Clauses(text)
    return [(text[s.start : s.end].strip(), s.kind) for s in c.spans]


def test_sentences_and_kinds() -> None:
    assert kinds("yes please! is it recorded? could i bring a laptop") == [
        ("yes please!", STATEMENT), ("is it recorded?", QUESTION),
        ("could i bring a laptop", STATEMENT),
    ]


def test_requests_are_questions_asking_for_the_writer() -> None:
    assert kinds("could i grab a place?")[0][1] == REQUEST
    assert kinds("any room for one more?")[0][1] == REQUEST
    assert kinds("is there still space?")[0][1] == REQUEST
    assert kinds("is the +1 for a guest?")[0][1] == QUESTION


def test_a_self_correction_starts_a_clause() -> None:
    c = Clauses("count me in - oh wait, i'm on leave")
    assert [c.spans[i].corrects for i in range(len(c.spans))] == [False, True]
    assert c.index(len("count me in - oh wait, ")) == 1


def test_position_lookup_matches_the_spans() -> None:
    text = "one. two? three! four"
    c = Clauses(text)
    for i, span in enumerate(c.spans):
        for pos in range(span.start, span.end):
            assert c.index(pos) == i
