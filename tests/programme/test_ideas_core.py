"""The pure ideas reader: votes versus proposals, which idea a vote backs, take-up commands."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.ideas import (
    IdeaRef,
    RankedIdea,
    count_votes,
    is_vote,
    rank,
    read_take_up,
    vote_target,
)

T0 = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("text", [
    "+1", "+ 1", "Me too!", "me too 👍", "👍", "Same here", "Agreed", "Yes please!",
    "Great idea, +1", "+1\nSam", "Love this", "Definitely +1", "this!", "++",
])
def test_agreement_is_a_vote(text):
    assert is_vote(text, signature_name="Sam Lee")


@pytest.mark.parametrize("text", [
    "Open data standards across boroughs",
    "+1 to more on AI procurement, and also a session on accessibility audits please",
    "Me too. Also, could LOTI look at shared cyber training?",
    "A toolkit for digital inclusion",
    "",
])
def test_anything_more_is_a_proposal_or_nothing(text):
    assert not is_vote(text)


def test_a_vote_backs_the_idea_it_quotes_or_else_the_latest_above_it():
    ideas = [IdeaRef(1, "Open data standards", T0), IdeaRef(2, "Shared cyber training",
                                                               T0 + timedelta(hours=1))]
    later = T0 + timedelta(hours=2)
    assert vote_target(["Open data standards"], later, ideas) == 1
    assert vote_target([], later, ideas) == 2
    assert vote_target([], T0 + timedelta(minutes=30), ideas) == 1
    assert vote_target([], T0 - timedelta(minutes=1), ideas) is None


def test_the_proposer_and_the_bot_never_count():
    assert count_votes(7, [7, 8, 8, 9, 1], me=1) == 2


def test_ranking_is_by_votes_then_age():
    a = RankedIdea(1, "a", 2, "open", "x", T0)
    b = RankedIdea(2, "b", 5, "open", "y", T0 + timedelta(hours=1))
    c = RankedIdea(3, "c", 2, "open", "z", T0 - timedelta(hours=1))
    assert [i.number for i in rank([a, b, c])] == [2, 3, 1]


@pytest.mark.parametrize(("text", "numbers"), [
    ("take up 3", [3]), ("Take up 3.", [3]), ("take up 3, 5", [3, 5]),
    ("take up 2 and 4", [2, 4]), ("  take   up 1 ", [1]),
    ("shall we take up 3?", None), ("take up 3 next year", None), ("approve", None),
    ("take up three", None), ("", None),
])
def test_take_up_is_a_whole_reply_command(text, numbers):
    assert read_take_up(text) == numbers
