"""The monthly staff digest against the sandbox: figures, the chart uploaded and embedded,
posted once; and `loti-bot report --html FILE`."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from bot.sandbox.api_attachments import uploaded
from bot.store.db import Store, make_engine, migrate
from bot.store.mentoring_tables import mentoring_pairs, mentoring_people
from tests.events.posting_world import london

# With the demo on one worker (xdist group "demo"): these draw the digest chart, and
# matplotlib takes about 0.5 s to import in each process that does.
pytestmark = pytest.mark.xdist_group("demo")

DIGEST = """\
digest:
  staff_project: LOTI staff room
  day_of_month: 1
  levels: [Apprentice, Manager, Head of service, Chief Digital Officer]
"""
EVENTS = """\
events:
  - key: lunch
    title: Lunch and learn
    format: online
    link: https://teams.example.org/lunch
    dates: [2027-02-16]
    at: "12:30"
    capacity: 30
    leads: {announce_days: 21, remind_days: 1}
"""
T = datetime(2027, 1, 20, 9, 0, tzinfo=UTC)


def said_in_mentoring_replies(world) -> None:
    """What the mentoring reader stored from members' replies (their stated level)."""
    engine = make_engine(world.db_url)
    migrate(engine)
    store = Store(engine)
    p = world.people
    with store.transaction() as conn:
        for who, level in (("chioma", "Manager"), ("hannah", "Head of service"), ("bea", None)):
            conn.execute(mentoring_people.insert().values(
                round_key="spring", person_id=p[who]["id"], name=p[who]["name"],
                level=level, role="mentee", updated_at=T))
        conn.execute(mentoring_pairs.insert().values(
            round_key="spring", mentor_id=p["hannah"]["id"], mentee_id=p["chioma"]["id"],
            score=1.0, status="introduced", met=True, updated_at=T))
    store.close()
    engine.dispose()


def test_the_monthly_digest_with_its_chart(world, tmp_path):
    world.write("digest.yaml", DIGEST)
    world.write("events.yaml", EVENTS)
    staff_room = world.sb.add_project("LOTI staff room")
    zed = world.sb.add_person("Zed Ray", "zed@example.org")
    world.sb.grant(world.project["id"], [zed["id"]])
    said_in_mentoring_replies(world)
    assert world.tick(london(2027, 1, 26, 9, 5)).exit_code == 0  # the event is announced
    (announcement,) = world.messages()
    world.sb.post_comment(world.people["chioma"]["id"], announcement["id"],
                          "<div>Yes please!</div>")
    for when in [(2027, 1, 31, 9, 0), (2027, 2, 1, 9, 5), (2027, 2, 2, 9, 5)]:
        assert world.tick(london(*when)).exit_code == 0

    (digest,) = world.messages(staff_room["id"])
    assert digest["subject"] == "The network this month (Monday 1 February)"
    (chart,) = uploaded(world.sb)
    assert chart["content_type"] == "image/png" and chart["data"].startswith(b"\x89PNG")
    assert f'<bc-attachment sgid="{chart["sgid"]}"' in digest["content"]
    items = re.findall(r"<li>(.*?)</li>", digest["content"])
    assert "Camden: 2 (Manager 1, not stated 1)" in items
    assert "Hackney: 1 (Head of service 1)" in items
    assert "Brent: 1 (not stated 1)" in items
    assert "Organisation not stated: 1 (not stated 1)" in items  # Zed: never a guess
    assert {"Manager: 1", "Head of service: 1", "not stated: 3"} <= set(items)
    assert "Lunch and learn: 1 of 30 places taken, 0 waiting, attendance not recorded" in items
    assert "spring: 1 pair proposed, 1 introduced, 1 have met" in items

    out = tmp_path / "digest.html"
    result = world.cli("report", "--html", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert page.startswith("<!doctype html>") and 'src="data:image/png;base64,' in page
    assert "Camden: 2 (Manager 1, not stated 1)" in page
    assert len(world.messages(staff_room["id"])) == 1 and len(uploaded(world.sb)) == 1
