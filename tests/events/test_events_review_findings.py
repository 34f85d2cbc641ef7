"""Bugs found in review of the posting side (events and cohorts), each pinned by a test."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.config.events import EventSeries
from tests.events.posting_world import london


@pytest.fixture
def world(world_lite):
    """These rehearsals run on SQLite; the `world` tests elsewhere cover PostgreSQL too."""
    return world_lite


MONTHLY = """\
events:
  - key: lunch-and-learn
    title: Lunch and learn
    format: online
    link: https://teams.example.org/lunch
    recurrence: {ordinal: second, weekday: tuesday, starts: 2026-10-01, until: 2026-10-31}
    at: "12:30"
    capacity: 10
    leads: {announce_days: 21, remind_days: 1}
"""


def test_reminder_does_not_mention_someone_no_longer_on_the_project(world):
    world.write("events.yaml", MONTHLY)
    assert world.cycle(london(2026, 9, 22, 9, 5)) == 0
    (message,) = world.messages()
    chioma, hannah = world.people["chioma"], world.people["hannah"]
    for who in (chioma, hannah):
        world.sb.post_comment(who["id"], message["id"], "<div>I'd love to come!</div>")
    assert world.cycle(london(2026, 9, 23, 9, 5)) == 0  # replies read

    # Hannah leaves the network project before the reminder goes out.
    def remove() -> None:
        world.sb.state.projects[world.project["id"]]["people"].remove(hannah["id"])

    world.sb._write(remove)
    assert world.cycle(london(2026, 10, 12, 9, 5)) == 0
    (reminder,) = [c for c in world.comments_on(message["id"]) if "see you" in c["content"]]
    assert reminder["content"].count("<bc-attachment") == 1
    assert chioma["attachable_sgid"] in reminder["content"]
    assert hannah["attachable_sgid"] not in reminder["content"]


def series(**leads: int) -> dict:
    return {"key": "talks", "title": "Talks", "link": "https://example.org/talk",
            "dates": ["2027-06-17"], "leads": leads}


@pytest.mark.parametrize("leads", [
    {"announce_days": 7, "close_days": 7},  # the announcement would expire as it falls due
    {"announce_days": 7, "close_days": 10},
    {"announce_days": 14, "close_days": 3, "places_left_days": 3},  # nudge after closing
    {"announce_days": 14, "close_days": 3, "places_left_days": 2},
])
def test_lead_times_that_would_never_post_are_rejected(leads):
    with pytest.raises(ValidationError):
        EventSeries.model_validate(series(**leads))


def test_sensible_lead_times_still_accepted():
    EventSeries.model_validate(series(announce_days=14, close_days=3, places_left_days=5))
    EventSeries.model_validate(series(announce_days=14, places_left_days=0))


def test_reflection_reminder_caught_up_on_the_day_does_not_say_tomorrow(world, cohort_yaml):
    world.write("cohorts.yaml", cohort_yaml)
    world.sb.add_template("Confidence course cohort")
    assert world.cycle(london(2027, 2, 22, 9, 5)) == 0  # set-up
    assert world.cycle(london(2027, 3, 5, 9, 5)) == 0  # session 1 agenda
    # Down on 7 March (the day before); back on the morning of session 1.
    assert world.cycle(london(2027, 3, 8, 9, 5)) == 0
    (project,) = [p for p in world.client_projects() if p["name"].startswith("Confident")]
    (agenda,) = [m for m in world.messages(project["id"]) if m["subject"].startswith("Reflection")]
    (reminder,) = world.comments_on(agenda["id"])
    assert "tomorrow" not in reminder["content"]
    assert "is today" in reminder["content"]


RECRUITING = """\
cohorts:
  - key: spring-2027
    name: Confident Digital Leaders, spring 2027
    course_start: 2027-03-01
    recruitment:
      announce_on: 2027-01-11
      reservation_deadline: 2027-02-05
      closes_on: 2027-02-12
      nudges: [2027-01-25]
    participants_from: recruitment
    reflection:
      link: https://teams.example.org/reflect
"""


def test_nudge_does_not_mention_a_champion_who_is_not_on_the_network_project(world):
    world.write("cohorts.yaml", RECRUITING)
    chioma = world.people["chioma"]  # Camden's champion

    def remove() -> None:
        world.sb.state.projects[world.project["id"]]["people"].remove(chioma["id"])

    world.sb._write(remove)
    assert world.cycle(london(2027, 1, 11, 9, 5)) == 0
    assert world.cycle(london(2027, 1, 25, 9, 5)) == 0
    nudge = world.messages()[-1]
    assert nudge["subject"].endswith("places held for your organisation")
    assert "Camden: 2 places left to fill</li>" in nudge["content"]
    assert chioma["attachable_sgid"] not in nudge["content"]
