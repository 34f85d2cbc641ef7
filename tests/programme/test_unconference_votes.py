"""A "+1" or "me too" reply on an unconference call for topics is a vote, not a topic."""

from __future__ import annotations

import re

from tests.events.posting_world import london
from tests.events.test_unconference import UNCONF


def test_plus_one_replies_vote_for_the_topic_above_or_the_one_they_quote(world):
    world.write("events.yaml", UNCONF)
    sb, p = world.sb, world.people
    assert world.cycle(london(2027, 5, 27, 9, 5)) == 0
    (call,) = [m for m in world.messages() if m["subject"].startswith("What should we")]
    sb.post_comment(p["chioma"]["id"], call["id"], "<div>Getting buy-in for research</div>")
    sb.post_comment(p["hannah"]["id"], call["id"], "<div>Accessible procurement</div>")
    sb.post_comment(p["bea"]["id"], call["id"], "<div>+1</div>")  # backs the one above
    sb.post_comment(p["dee"]["id"], call["id"], "<div>Me too!</div>")
    sb.post_comment(p["hannah"]["id"], call["id"], "<div>+1</div>")  # her own: not counted
    sb.post_comment(p["dee"]["id"], call["id"],
                    "<blockquote>Getting buy-in for research</blockquote><div>+1</div>")
    assert world.cycle(london(2027, 5, 28, 9, 5)) == 0
    assert world.cycle(london(2027, 6, 14, 9, 5)) == 0
    (agenda,) = [m for m in world.messages() if m["subject"].startswith("Agenda")]
    items = re.findall(r"<li>(.*?)</li>", agenda["content"])
    assert len(items) == 2  # "+1" and "Me too!" are not topics
    assert items[0].startswith("Accessible procurement") and "2 votes" in items[0]
    assert items[1].startswith("Getting buy-in for research") and "1 vote" in items[1]
