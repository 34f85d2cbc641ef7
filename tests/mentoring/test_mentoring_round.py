"""A whole mentoring round against the sandbox: call, 40 replies, matching, approval with a
dropped pair, introductions (surviving a lost response and restarts), follow-up and report."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from mentoring_world import World

CALL = datetime(2027, 2, 1, 10, 0, tzinfo=UTC)
MATCH = datetime(2027, 2, 22, 10, 0, tzinfo=UTC)
INTRO = datetime(2027, 2, 24, 10, 0, tzinfo=UTC)
FOLLOW = INTRO + timedelta(weeks=6)

MENTORS = [
    ("Ada Okafor", "camden", "Director of Digital", "Happy to mentor on cloud and cyber security"),
    ("Bea Patel", "brent", "Head of Service", "I'd like to mentor - leadership, negotiation. "
     "I can take two people."),
    ("Cara Long", "hackney", "Assistant Director", "Count me in as a mentor for data strategy "
     "and AI"),
    ("Dina Shah", "enfield", "Head of Data", "Mentor please — data analytics, data engineering"),
    ("Eve Moss", "sutton", "Chief Digital Officer", "I can offer mentoring on procurement and "
     "budgeting, happy to take 2 mentees"),
    ("Fay Dunn", "camden", "Senior Manager", "Put me down as a mentor: user research, service "
     "design"),
    ("Gia Rossi", "brent", "Director", "Happy to mentor anyone coming back from maternity leave"),
    ("Hana Ito", "hackney", "Service Manager", "I'll mentor on agile delivery and line management"),
    ("Isla Byrne", "enfield", "Head of Service", "Glad to mentor on public speaking. I'm no "
     "expert in AI though!"),
    ("Jade Kerr", "sutton", "Programme Manager", "I could mentor on stakeholder management"),
    ("Kim Ng", "camden", "Head of Digital", "Mentor 🙋‍♀️ product management, digital inclusion"),
    ("Lena Berg", "brent", "Director", "Happy to mentor. Any topic really."),
]  # fmt: skip
MENTEES = [
    ("Mia Cole", "camden", "Officer", "I'd like a mentor for cloud please"),
    ("Nia Ford", "hackney", "Analyst", "Mentee please — cyber security"),
    ("Ola Gray", "brent", "Officer", "Would love a mentor to help with leadership"),
    ("Pam Hunt", "enfield", "Developer", "Mentee! negotiation and public speaking"),
    ("Qi Wang", "sutton", "Manager", "Could I have a mentor on data strategy?"),
    ("Rae Jung", "camden", "Officer", "I'd love to be mentored on AI"),
    ("Sal Khan", "hackney", "Analyst", "Please match me with a mentor for data engineering"),
    ("Tia Lund", "brent", "Apprentice", "Mentee please: procurement"),
    ("Uma Roy", "enfield", "Officer", "I'd benefit from a mentor on budgeting"),
    ("Val Soto", "sutton", "Researcher", "I'd like a mentor — user research"),
    ("Wyn Hale", "camden", "Officer", "Mentee — I'm back from maternity leave in March"),
    ("Xia Chen", "hackney", "Manager", "Would love a mentor on agile delivery"),
    ("Yas Amin", "brent", "Team Leader", "I'm a new line manager and would love a mentor"),
    ("Zoe Park", "enfield", "Officer", "Mentee please, stakeholder management"),
    ("Abi Lowe", "sutton", "Designer", "I'd like a mentor on service design"),
    ("Bel Rees", "camden", "Business Analyst", "Please could I have a mentor for product "
     "management?"),
    ("Cat Webb", "hackney", "Officer", "Mentee please — digital inclusion"),
    ("Dot Moss", "brent", "Officer", "I'd like a mentor. No particular topic."),
]  # fmt: skip
BOTH = [
    ("Eli Dale", "enfield", "Manager", "Both please! I'd like a mentor for leadership and can "
     "mentor on accessibility"),
    ("Flo Nash", "sutton", "Senior Officer", "Mentor and mentee — AI (as mentee) and GDPR "
     "(as mentor)"),
]  # fmt: skip
OTHERS = [
    ("Gwen Ash", "camden", None, "How long does the mentoring last?"),
    ("Hope Bell", "hackney", None, "Automatic reply: I'm out of the office until Monday."),
    ("Iris Cox", "brent", None, "Thanks for organising this, it was brilliant last year!"),
    ("Joy Dean", "enfield", None, "Not this round for me, too much on."),
]  # fmt: skip
# Change of mind (edit), a withdrawal (second reply) and topics added in a second reply.
EDITED = ("Kay Ellis", "sutton", "Officer", "Mentor please!",
          "I'd like a mentor! (wrong way round first time) Cloud please.")
WITHDRAWN = ("Liv Fox", "camden", "Officer", "Mentee please — AI",
             "Sorry, I need to withdraw, I'm leaving in March")
LATER_TOPICS = ("May Gill", "hackney", "Manager", "I'd like a mentor",
                "Forgot to add topics — procurement please")  # fmt: skip


@pytest.fixture
def world(sandbox, migrated_db_url, tmp_path) -> World:
    w = World(sandbox, migrated_db_url, tmp_path)
    w.write_round(call_at="2027-02-01 10:00", match_at="2027-02-22 10:00",
                  introduce_at="2027-02-24 10:00", follow_up_after_weeks=6, approval="true",
                  approval_project="LOTI staff", introduce_via="comment")  # fmt: skip
    return w


def test_a_whole_round(world: World) -> None:
    sb = world.sb
    assert world.cycle(CALL) == 0
    (call,) = world.messages(world.project)
    assert "mentor" in call["subject"].lower()

    people: dict[str, dict] = {}
    reply_ids = []
    sb.clock.set(CALL + timedelta(hours=1))
    firsts = [*(MENTORS + MENTEES + BOTH + OTHERS), *(c[:4] for c in (EDITED, WITHDRAWN,
                                                                      LATER_TOPICS))]  # fmt: skip
    for name, org, title, text in firsts:
        people[name] = world.member(name, org, title)
        comment = sb.post_comment(people[name]["id"], call["id"], f"<div>{text}</div>")
        reply_ids.append(comment["id"])
    assert len(reply_ids) == 39
    assert world.cycle(CALL + timedelta(hours=2)) == 0

    sb.clock.set(CALL + timedelta(days=1))
    sb.edit_comment(reply_ids[-3], f"<div>{EDITED[4]}</div>")
    sb.post_comment(people["Liv Fox"]["id"], call["id"], f"<div>{WITHDRAWN[4]}</div>")
    sb.post_comment(people["May Gill"]["id"], call["id"], f"<div>{LATER_TOPICS[4]}</div>")
    assert world.cycle(CALL + timedelta(days=1, hours=1)) == 0
    assert world.cycle(CALL + timedelta(days=2)) == 0  # nothing new: nothing more posted

    # Each reply that says something about taking part is acknowledged exactly once.
    boosted = [b["recording_id"] for b in world.bot_boosts()]
    assert len(boosted) == len(set(boosted))
    others = {sb.get(i)["creator"]["name"] for i in boosted}
    assert {"Gwen Ash", "Hope Bell", "Iris Cox"}.isdisjoint(others)
    assert {"Ada Okafor", "Mia Cole", "Eli Dale", "Kay Ellis", "Liv Fox"} <= others

    # How the replies were read, as staff can check with `mentoring matches` before matching.
    assert world.cycle(MATCH) == 0
    (approval,) = world.messages(world.staff_project)
    staff_view = world.cli("mentoring", "matches", "--format", "json")
    assert staff_view.exit_code == 0, staff_view.output
    proposed = json.loads(staff_view.stdout)
    names = {(p["mentor"], p["mentee"]) for p in proposed}
    # 16 mentor places (two mentors take two; two people do both) for 22 mentees
    assert len(proposed) == 16
    assert "Kay Ellis" not in {m for m, _ in names}  # changed her mind: mentee, not mentor
    assert not any("Liv Fox" in pair for pair in names)  # withdrew
    assert not any(n in pair for pair in names for n in ("Gwen Ash", "Hope Bell", "Joy Dean"))
    assert ("Ada Okafor", "Mia Cole") in names or ("Ada Okafor", "Nia Ford") in names
    assert all(p["mentor"] != p["mentee"] and p["reasons"] for p in proposed)
    assert sum(bool(p["shared_topics"]) for p in proposed) >= 12

    # Approval: a member's "approve" does not count; staff drop one pair, then approve.
    dropped = proposed[0]
    member = people["Mia Cole"]
    sb.clock.set(MATCH + timedelta(hours=1))
    sb.post_comment(member["id"], approval["id"], "<div>approve</div>")
    sb.post_comment(world.priya["id"], approval["id"], "<div>drop Zed Quinn &amp; Nobody</div>")
    assert world.cycle(MATCH + timedelta(hours=2)) == 0
    (asked,) = [c for c in world.comments_on(approval["id"])
                if c["creator"]["id"] == sb.bot_person["id"]]  # fmt: skip
    assert "couldn't find" in asked["content"] and "Zed Quinn" in asked["content"]
    assert world.cycle(INTRO) == 0
    assert len(world.comments_on(call["id"])) == 0 + _member_comments(world, call["id"])
    sb.post_comment(world.amara["id"], approval["id"],
                    f"<div>drop {dropped['mentor']} &amp; {dropped['mentee']}</div>")
    assert world.cycle(INTRO + timedelta(hours=1)) == 0
    sb.post_comment(world.priya["id"], approval["id"], "<div>Approve, thank you!</div>")
    assert world.cycle(INTRO + timedelta(hours=2)) == 0  # approval read by the poll

    # A lost response on the first introduction, then restarts: each pair introduced once.
    sb.faults.drop_after_commit(n=1, methods=("POST",))
    world.cycle(INTRO + timedelta(hours=3))
    for hour in (4, 5):
        assert world.cycle(INTRO + timedelta(hours=hour)) == 0
    bot_id = sb.bot_person["id"]
    bot_comments = [c for c in world.comments_on(call["id"]) if c["creator"]["id"] == bot_id]
    intros = [c for c in bot_comments if "meet" in c["content"]]
    assert len(intros) == len(proposed) - 1
    assert len({c["content"] for c in intros}) == len(intros)
    for pair in proposed[1:]:
        mentor_sgid = people[pair["mentor"]]["attachable_sgid"]
        mentee_sgid = people[pair["mentee"]]["attachable_sgid"]
        assert sum(mentor_sgid in c["content"] and mentee_sgid in c["content"]
                   for c in intros) == 1  # fmt: skip
    dropped_sgids = [people[dropped[r]]["attachable_sgid"] for r in ("mentor", "mentee")]
    assert not any(all(s in c["content"] for s in dropped_sgids) for c in intros)
    unmatched = [c for c in bot_comments if "not matched" in c["content"] or "couldn't find"
                 in c["content"]]  # fmt: skip
    assert len(unmatched) == 1
    assert people[dropped["mentee"]]["attachable_sgid"] in unmatched[0]["content"]

    # Follow-up: pairs are asked, replies recorded, the report counts pairs that met.
    assert world.cycle(FOLLOW) == 0
    assert world.cycle(FOLLOW + timedelta(hours=1)) == 0
    followups = [m for m in world.messages(world.project) if "met" in m["subject"]]
    assert len(followups) == 1
    introduced = proposed[1:]
    in_pairs = [n for p in introduced for n in (p["mentor"], p["mentee"])]
    single = [p for p in introduced if in_pairs.count(p["mentee"]) == 1]
    assert len(single) >= 7
    sb.clock.set(FOLLOW + timedelta(days=1))
    for pair in single[:5]:
        sb.post_comment(people[pair["mentee"]]["id"], followups[0]["id"],
                        "<div>Yes, we've met twice already!</div>")  # fmt: skip
    for pair in single[5:7]:
        sb.post_comment(people[pair["mentee"]]["id"], followups[0]["id"],
                        "<div>Not yet, we're meeting next week</div>")  # fmt: skip
    assert world.cycle(FOLLOW + timedelta(days=1, hours=1)) == 0
    report = world.cli("mentoring", "report", "--json")
    figures = json.loads(report.stdout)
    assert figures["introduced"] == len(introduced) and figures["dropped"] == 1
    assert figures["met"] == 5 and figures["not_yet"] == 2
    assert figures["stage"] == "followed_up"

    as_csv = world.cli("mentoring", "matches", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(rows) == len(proposed)
    assert sum(r["status"] == "dropped" for r in rows) == 1


def _member_comments(world: World, call_id: int) -> int:
    bot_id = world.sb.bot_person["id"]
    return sum(c["creator"]["id"] != bot_id for c in world.comments_on(call_id))
