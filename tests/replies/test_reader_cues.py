"""reader.cues and reader.decide on their own: cues with intent, kind, strength, position;
the last decisive cue wins; conflicts and hedges; "no cue" sure only for chit-chat."""

from __future__ import annotations

from bot.config.replies import ReplyLexicon
from bot.core.reader.cues import Hit, find_hits
from bot.core.reader.decide import decisive, no_cue


def test_cues_carry_intent_kind_strength_and_position() -> None:
    text = "count me out, sadly. count me in for the next one"
    hits = find_hits(text)
    out = next(h for h in hits if h.words == "count me out")
    assert (out.intent, out.kind, out.start, out.strength) == ("decline", "strong", 0, 1.0)
    # the longer idiom masks its words: "count me out" is never also "count me"
    assert not any(h.intent == "join" and h.start == 0 for h in hits)


def test_fixed_idioms_match_before_their_trigger_words() -> None:
    hits = find_hits("wild horses couldn't keep me away")
    assert [(h.intent, h.words) for h in hits] == [("join", "wild horses couldn't keep me away")]


def test_staff_phrases_come_first() -> None:
    hits = find_hits("bagsy a seat", ReplyLexicon(join=("bagsy",)))
    assert hits[0].words == "bagsy" and hits[0].intent == "join"


def _hit(intent: str, kind: str, sentence: int) -> Hit:
    return Hit(sentence * 10, sentence * 10 + 5, intent, kind, intent, sentence)


def test_the_last_decisive_cue_wins() -> None:
    got = decisive([_hit("decline", "strong", 0), _hit("join", "strong", 1)], [])
    assert got is not None and got.intent == "join"


def test_strong_opposites_in_different_clauses_are_unsure() -> None:
    got = decisive([_hit("decline", "strong", 0), _hit("join", "strong", 1)], [])
    assert got is not None and got.sure is False
    same_clause = decisive([_hit("decline", "strong", 1), _hit("join", "strong", 1)], [])
    assert same_clause is not None and same_clause.sure is True


def test_an_earlier_hedge_is_never_overridden() -> None:
    got = decisive([_hit("maybe", "hedge", 0), _hit("join", "strong", 1)], [])
    assert got is not None and (got.intent, got.sure) == ("maybe", True)


def test_no_cue_is_sure_only_for_plain_chit_chat() -> None:
    assert no_cue("thanks so much, brilliant line-up").sure is True
    assert no_cue("").sure is True
    assert no_cue("i'd be chuffed to bits to come along").sure is False
    assert no_cue("still on for thursday, running late", had_place=True).sure is True
    assert no_cue("sorry, not thursday now", had_place=True).sure is False
