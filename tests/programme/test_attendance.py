"""Attendance against the sandbox: the morning after an event the bot thanks people on its
announcement thread and asks those who came to boost that comment; the boosts (never the
bot's own, each person once) become the event's attendance in the staff digest."""

from __future__ import annotations

import re

import pytest

from tests.events.posting_world import london

# With the demo on one worker (xdist group "demo"): these draw the digest chart, and
# matplotlib takes about 0.5 s to import in each process that does.
pytestmark = pytest.mark.xdist_group("demo")

DIGEST = """\
digest:
  staff_project: LOTI staff room
  day_of_month: 1
"""
EVENTS = """\
events:
  - key: lunch
    title: Lunch and learn
    format: online
    link: https://teams.example.org/lunch
    dates: [2027-02-16, 2027-02-23]
    at: "12:30"
    capacity: 30
    leads: {announce_days: 21, remind_days: 1}
"""
CANCELLED = EVENTS + """\
    changes:
      - {day: 2027-02-23, cancelled: true, reason: Our speaker is unwell.}
"""


def thanks(world, message_id: int) -> list[dict]:
    return [c for c in world.comments_on(message_id) if "boost this comment" in c["content"]]


def digest_items(world, staff_room) -> list[str]:
    (digest,) = [m for m in world.messages(staff_room["id"]) if "1 March" in m["subject"]]
    return re.findall(r"<li>(.*?)</li>", digest["content"])


def test_thanks_once_after_the_event_and_boosts_become_attendance(world, tmp_path):
    world.write("digest.yaml", DIGEST)
    world.write("events.yaml", EVENTS)
    staff_room = world.sb.add_project("LOTI staff room")
    p = world.people
    assert world.tick(london(2027, 1, 26, 9, 5)).exit_code == 0  # 16 Feb announced
    assert world.tick(london(2027, 2, 2, 9, 5)).exit_code == 0  # 23 Feb announced
    first, second = sorted(world.messages(), key=lambda m: m["id"])
    for who in ("chioma", "hannah", "bea"):
        world.sb.post_comment(p[who]["id"], first["id"], "<div>Yes please!</div>")

    world.write("events.yaml", CANCELLED)  # staff cancel the 23rd
    for when in [(2027, 2, 16, 9, 5), (2027, 2, 16, 13, 45)]:  # reminder; the event ends
        assert world.tick(london(*when)).exit_code == 0
    assert thanks(world, first["id"]) == []  # not before the morning after

    for when in [(2027, 2, 17, 9, 5), (2027, 2, 17, 9, 30)]:
        assert world.tick(london(*when)).exit_code == 0
    (call,) = thanks(world, first["id"])  # posted once, however many cycles
    assert "Thank you to everyone who came to Lunch and learn" in call["content"]

    bot_id = world.sb.bot_person["id"]
    world.sb.boost(p["chioma"]["id"], call["id"], "👋")
    world.sb.boost(p["chioma"]["id"], call["id"], "👋")  # twice: still one person
    world.sb.boost(p["bea"]["id"], call["id"], "🎉")
    world.sb.boost(bot_id, call["id"], "👋")  # the bot's own never counts
    world.sb.boost(p["dee"]["id"], first["id"], "👋")  # on the announcement: not the call
    dee = world.sb.boost(p["dee"]["id"], call["id"], "👋")
    assert world.tick(london(2027, 2, 17, 12, 0)).exit_code == 0
    world.sb.unboost(dee["id"])  # Dee tapped by mistake and took it back: not counted
    for when in [(2027, 2, 24, 9, 5), (2027, 2, 25, 9, 5)]:
        assert world.tick(london(*when)).exit_code == 0
    assert [c["id"] for c in thanks(world, first["id"])] == [call["id"]]
    assert thanks(world, second["id"]) == []  # cancelled: no call
    assert any("cancelled" in c["content"] for c in world.comments_on(second["id"]))

    assert world.tick(london(2027, 3, 1, 9, 5)).exit_code == 0
    items = digest_items(world, staff_room)
    assert "Lunch and learn: 3 of 30 places taken, 0 waiting, 2 came" in items

    # Staff mark someone who came but didn't boost; marking a booster again changes nothing.
    key = "event:lunch:2027-02-16"
    done = world.cli("signups", key, "--attended", "hannah@hackney.gov.uk",
                     "--attended", "CHIOMA@camden.gov.uk")
    assert done.exit_code == 0, done.output
    assert "hannah@hackney.gov.uk marked as having come" in done.output
    assert "chioma@camden.gov.uk was already marked" in done.output
    bad = world.cli("signups", key, "--attended", "not an email")
    assert bad.exit_code != 0 and "is not an email address" in bad.output
    out = tmp_path / "digest.html"
    assert world.cli("report", "--html", str(out)).exit_code == 0
    assert "3 of 30 places taken, 0 waiting, 3 came" in out.read_text()


def test_a_late_start_skips_the_call_and_the_digest_says_not_recorded(world):
    world.write("digest.yaml", DIGEST)
    world.write("events.yaml", EVENTS.replace(", 2027-02-23", ""))
    staff_room = world.sb.add_project("LOTI staff room")
    assert world.tick(london(2027, 1, 26, 9, 5)).exit_code == 0
    (announcement,) = world.messages()
    world.sb.post_comment(world.people["chioma"]["id"], announcement["id"], "<div>Yes!</div>")
    assert world.tick(london(2027, 1, 27, 9, 5)).exit_code == 0  # the reply is read
    # The bot is down from before the event until the call's moment has passed.
    for when in [(2027, 2, 18, 9, 5), (2027, 2, 18, 9, 30), (2027, 3, 1, 9, 5)]:
        assert world.tick(london(*when)).exit_code == 0
    assert thanks(world, announcement["id"]) == []
    items = digest_items(world, staff_room)
    assert "Lunch and learn: 1 of 30 places taken, 0 waiting, attendance not recorded" in items
