"""Held-out probes for three general mentoring rules a blind probe exposed (invented wording).

1. An offer to pass on what one knows is an offer to mentor, with or without the word:
   "glad to pass on what I know about X", "happy to share what I've picked up on X".
2. A negated role then "I'd like to be one" takes the role the "one" stands for: "I don't need
   a mentor but would like to be one" offers to mentor.
3. A reply that points back at a quoted topic ("+1, I'd like a mentor for that too") takes the
   quote's topic, under its own role.
"""

from __future__ import annotations

import pytest
from mentoring_helpers import div as _d

from bot.core.mentoring import read_replies

Q = "<blockquote>{}</blockquote>{}"

# (id, replies, role, topics)
CASES: list[tuple[str, list[str], str, list[str]]] = [
    ("o01", [_d("Glad to pass on what I know about usability testing")], "mentor",
     ["user research"]),
    ("o02", [_d("Happy to share what I've picked up on tendering over the years")], "mentor",
     ["procurement"]),
    ("o03", [_d("Keen to pass on some of my experience of public speaking")], "mentor",
     ["public speaking"]),
    ("n01", [_d("I don't want a mentor but would love to be one - leadership")], "mentor",
     ["leadership"]),
    ("n02", [_d("Not after a mentor myself, but happy to be one for line management")],
     "mentor", ["line management"]),
    ("q01", [_d(Q.format("I'd like a mentor on procurement", "Same - a mentor on that too "
                         "please"))], "mentee", ["procurement"]),
    ("q02", [_d(Q.format("Happy to mentor on user research", "+1, I could mentor on that "
                         "as well"))], "mentor", ["user research"]),
    # Guards: a bare "share" of something else is no offer; "that" with no quote is nothing.
    ("g01", [_d("Thanks for sharing this, looks great")], "none", []),
]


@pytest.mark.parametrize(("case_id", "replies", "role", "topics"),
                         [pytest.param(*c, id=c[0]) for c in CASES])
def test_unseen_reply_3(vocab, case_id: str, replies: list[str], role: str,
                        topics: list[str]) -> None:
    got = read_replies(replies, vocab)
    assert (got.role, sorted(got.topics)) == (role, sorted(topics)), got
    assert got.sure
