"""An ideas round against the sandbox with `loti-bot tick`: ideas, votes, the summary, the
staff digest, strict "take up N" replies, the proposer told, and `loti-bot ideas`."""

from __future__ import annotations

import csv
import io
import json
import re

from tests.events.posting_world import london

IDEAS = """\
ideas:
  first_call: 2027-01-04
  every_months: 3
  staff_project: LOTI staff room
  network_summary_after_days: 10
  staff_digest_after_days: 14
"""


def tick(world, *when: int) -> None:
    result = world.tick(london(*when))
    assert result.exit_code == 0, result.output


def bot_comments(world, recording_id: int) -> list[str]:
    me = world.sb.bot_person["id"]
    return [c["content"] for c in world.comments_on(recording_id) if c["creator"]["id"] == me]


def test_an_ideas_round_from_call_to_an_idea_taken_up(world):
    world.write("ideas.yaml", IDEAS)
    sb, p = world.sb, world.people
    staff_room = sb.add_project("LOTI staff room")
    sb.grant(staff_room["id"], [world.amara["id"], p["chioma"]["id"]])
    tick(world, 2027, 1, 4, 9, 5)
    (call,) = [m for m in world.messages() if m["subject"] == "What should LOTI work on next?"]

    data = sb.post_comment(p["chioma"]["id"], call["id"],
                           "<div>Open data standards across boroughs</div>")
    cyber = sb.post_comment(p["hannah"]["id"], call["id"],
                            "<div>Shared cyber security training</div>")
    sb.post_comment(p["bea"]["id"], call["id"], "<div>+1</div>")  # backs the idea above
    sb.post_comment(p["dee"]["id"], call["id"],
                    "<blockquote>Open data standards across boroughs</blockquote>"
                    "<div>Me too!</div>")
    sb.boost(p["chioma"]["id"], data["id"], "👍")  # her own idea: not counted
    sb.boost(p["dee"]["id"], cyber["id"], "👍")
    tick(world, 2027, 1, 5, 9, 0)
    me = sb.bot_person["id"]
    acks = {c["id"]: [b.content for b in world.client().boosts(c["id"]) if b.booster.id == me]
            for c in world.comments_on(call["id"])}
    assert (acks[data["id"]], acks[cyber["id"]]) == (["💡 Idea 1"], ["💡 Idea 2"])
    assert sorted(map(len, acks.values())) == [0, 0, 1, 1]  # votes get no idea number
    out = world.cli("ideas", "--format", "json")
    assert out.exit_code == 0, out.output
    ideas = json.loads(out.stdout)
    assert [(i["number"], i["title"]) for i in ideas] == [
        (1, "Open data standards across boroughs"), (2, "Shared cyber security training")]

    tick(world, 2027, 1, 14, 9, 5)  # the network summary, on the call
    (summary,) = bot_comments(world, call["id"])
    items = re.findall(r"<li>(.*?)</li>", summary)
    assert items == ["Shared cyber security training (2 votes)",
                     "Open data standards across boroughs (1 vote)"]

    tick(world, 2027, 1, 18, 9, 5)  # the staff digest
    (digest,) = world.messages(staff_room["id"])
    assert digest["subject"].startswith("Ideas from the network")
    items = re.findall(r"<li>(.*?)</li>", digest["content"])
    assert items[0].startswith("Idea 2: Shared cyber security training (2 votes")
    assert items[1].startswith("Idea 1: Open data standards across boroughs (1 vote")

    sb.post_comment(world.amara["id"], digest["id"], "<div>shall we take up 2?</div>")
    sb.post_comment(p["chioma"]["id"], digest["id"], "<div>take up 1</div>")  # not staff
    tick(world, 2027, 1, 18, 12, 0)
    (not_acted,) = bot_comments(world, digest["id"])
    assert "I haven't acted on this: reply 'take up N'" in not_acted
    assert len(bot_comments(world, call["id"])) == 1  # nobody told anything yet

    sb.post_comment(world.amara["id"], digest["id"], "<div>take up 2</div>")
    tick(world, 2027, 1, 18, 13, 0)
    tick(world, 2027, 1, 18, 14, 0)
    told = [c for c in bot_comments(world, call["id"]) if "taking up your idea" in c]
    assert len(told) == 1
    assert f'<bc-attachment sgid="{p["hannah"]["attachable_sgid"]}"' in told[0]
    assert "Shared cyber security training" in told[0]

    out = world.cli("ideas", "--format", "csv")
    rows = {r["number"]: r for r in csv.DictReader(io.StringIO(out.stdout))}
    assert (rows["2"]["state"], rows["2"]["votes"]) == ("taken up", "2")
    assert (rows["1"]["state"], rows["1"]["votes"], rows["1"]["round"]) == ("open", "1",
                                                                          "2027-01-04")
