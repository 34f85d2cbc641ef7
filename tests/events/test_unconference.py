"""Unconference: a call for topics, replies as proposals, boosts as votes, the agenda."""

from __future__ import annotations

import re

from bot.jobs.events import Topic, rank_topics, topic_title
from tests.events.posting_world import london

UNCONF = """\
events:
  - key: unconf
    title: Summer unconference
    format: in_person
    venue: City Hall, London E16
    dates: [2027-06-17]
    at: "09:30"
    minutes: 180
    capacity: 80
    leads: {announce_days: 42, remind_days: 1}
    unconference: {call_days: 21, agenda_days: 3, top: 2}
"""


class TestRanking:
    def test_most_votes_first_ties_to_earliest(self):
        t = [Topic("a", 1, {}, london(2027, 5, 1), 1), Topic("b", 3, {}, london(2027, 5, 2), 2),
             Topic("c", 1, {}, london(2027, 4, 30), 3)]
        assert [x.title for x in rank_topics(t, 2)] == ["b", "c"]

    def test_title_is_one_short_plain_line(self):
        assert topic_title("<div>Data <strong>ethics</strong><br>in councils</div>") == \
            "Data ethics in councils"
        assert len(topic_title("<div>" + "x" * 500 + "</div>")) == 140


class TestUnconferenceAgenda:
    def test_agenda_lists_top_topics_by_votes_with_proposers(self, world):
        world.write("events.yaml", UNCONF)
        sb, p = world.sb, world.people
        assert world.cycle(london(2027, 5, 27, 9, 5)) == 0
        (call,) = [m for m in world.messages() if m["subject"].startswith("What should we")]

        a = sb.post_comment(p["chioma"]["id"], call["id"], "<div>Getting buy-in for research</div>")
        b = sb.post_comment(p["hannah"]["id"], call["id"],
                            "<div>Imposter syndrome <script>alert(1)</script>&amp; us</div>")
        c = sb.post_comment(p["bea"]["id"], call["id"], "<div>Accessible procurement</div>")
        gone = sb.post_comment(p["dee"]["id"], call["id"], "<div>A topic I took back</div>")
        assert world.cycle(london(2027, 5, 28, 9, 5)) == 0  # the poll reads the proposals
        sb.trash_comment(gone["id"])
        for who in ("dee", "bea", "chioma"):
            sb.boost(p[who]["id"], b["id"], "👍")
        for who in ("dee", "hannah"):
            sb.boost(p[who]["id"], c["id"], "+1")
        sb.boost(p["chioma"]["id"], a["id"], "me!")  # proposers' own boosts do not count
        sb.boost(p["dee"]["id"], gone["id"], "+1")

        assert world.cycle(london(2027, 6, 14, 9, 5)) == 0
        (agenda,) = [m for m in world.messages() if m["subject"].startswith("Agenda")]
        items = re.findall(r"<li>(.*?)</li>", agenda["content"])
        assert len(items) == 2
        assert items[0].startswith("Imposter syndrome")
        assert "(3 votes)" in items[0]
        assert "<script>" not in agenda["content"]
        assert items[1].startswith("Accessible procurement")
        assert "(2 votes)" in items[1]
        assert "Getting buy-in" not in agenda["content"]
        assert "took back" not in agenda["content"]
        assert all("<bc-attachment" in item for item in items)

        # Posted once; replies after the agenda are no longer read as proposals.
        assert world.cycle(london(2027, 6, 15, 9, 5)) == 0
        assert len([m for m in world.messages() if m["subject"].startswith("Agenda")]) == 1

    def test_agenda_without_proposals_says_so(self, world):
        world.write("events.yaml", UNCONF)
        assert world.cycle(london(2027, 5, 27, 9, 5)) == 0
        assert world.cycle(london(2027, 6, 14, 9, 5)) == 0
        (agenda,) = [m for m in world.messages() if m["subject"].startswith("Agenda")]
        assert "No topics were proposed" in agenda["content"]
