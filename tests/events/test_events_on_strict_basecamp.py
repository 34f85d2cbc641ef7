"""Events against a sandbox as strict as Basecamp (issue 10): access and replace-mode PUTs.

Basecamp answers 404 for a project the bot is not on, exactly as for one that does not
exist, so the bot must say what to check rather than fail somewhere later. And its
schedule-entry PUT replaces the whole entry, so an update sends all of it back.
"""

from __future__ import annotations

from tests.events.posting_world import london
from tests.support.world import NETWORK

EVENTS = """\
events:
  - key: lunch-and-learn
    title: Lunch and learn
    format: online
    link: https://teams.example.org/lunch
    recurrence: {ordinal: second, weekday: tuesday, starts: 2026-10-01, until: 2026-11-30}
    at: "12:30"
    capacity: 2
    leads: {announce_days: 21, remind_days: 1, places_left_days: 7}
"""


def test_the_rehearsal_names_the_project_the_bot_is_not_on(world_lite):
    world = world_lite
    world.write("events.yaml", EVENTS)
    world.sb.revoke(world.project["id"], [world.sb.bot_person["id"]])
    result = world.tick(london(2026, 9, 22, 9, 5))
    assert result.exit_code != 0
    assert NETWORK in result.output
    assert "add the bot" in result.output
    assert world.subjects() == []
    world.sb.grant(world.project["id"], [world.sb.bot_person["id"]])
    assert world.tick(london(2026, 9, 22, 9, 10)).exit_code == 0
    assert world.subjects() == ["Lunch and learn: Tuesday 13 October"]


def test_a_project_named_by_id_the_bot_cannot_see_is_named_too(world_lite):
    world = world_lite
    world.write("network.yaml", (world.config_dir / "network.yaml").read_text().replace(
        f"  name: {NETWORK}\n", f"  name: {NETWORK}\n  id: {world.project['id']}\n", 1))
    world.write("events.yaml", EVENTS)
    world.sb.revoke(world.project["id"], [world.sb.bot_person["id"]])
    result = world.tick(london(2026, 9, 22, 9, 5))
    assert result.exit_code != 0
    assert NETWORK in result.output and str(world.project["id"]) in result.output
    assert "add the bot" in result.output


CANCELLABLE = """\
events:
  - key: summer-social
    title: Summer social
    format: in_person
    venue: City Hall, London E16
    dates: [2027-06-17]
    at: "17:30"
    minutes: 120
    capacity: 30
    leads: {{announce_days: 14, remind_days: 1}}
    changes: {changes}
"""


def test_a_cancellation_sends_the_whole_entry_back_with_its_times_verbatim(world_lite):
    # Basecamp's PUT replaces the entry: a field left out is cleared (issue 10).
    world = world_lite
    world.write("events.yaml", CANCELLABLE.format(changes="[]"))
    assert world.cycle(london(2027, 6, 3, 9, 5)) == 0
    (entry,) = world.entries()
    world.write("events.yaml", CANCELLABLE.format(
        changes="[{day: 2027-06-17, cancelled: true, reason: The venue is closed.}]"))
    assert world.cycle(london(2027, 6, 10, 12, 0)) == 0
    (put,) = world.sb.sent("PUT", f"/schedule_entries/{entry['id']}")
    assert (put["starts_at"], put["ends_at"]) == (entry["starts_at"], entry["ends_at"])
    assert put["all_day"] is False and "The venue is closed." in put["description"]
    (after,) = world.entries()
    assert after["summary"] == "Cancelled: Summer social"
    assert (after["starts_at"], after["ends_at"]) == (entry["starts_at"], entry["ends_at"])
