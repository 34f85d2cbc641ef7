"""Event series against the sandbox: announcements, reminders, clock changes, cancellations."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.events.posting_world import london


@pytest.fixture
def world(world_lite):
    """Long rehearsals run on SQLite; the `world` tests elsewhere cover PostgreSQL too."""
    return world_lite

MONTHLY = """\
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


def announcement(world, day: str) -> dict:
    (message,) = [m for m in world.messages() if m["subject"] == f"Lunch and learn: {day}"]
    return message


class TestMonthlySeriesAcrossClockChange:
    def test_posts_on_the_right_days_in_bst_and_gmt(self, world):
        world.write("events.yaml", MONTHLY)
        chioma, hannah = world.people["chioma"], world.people["hannah"]

        assert world.cycle(london(2026, 9, 22, 8, 55)) == 0
        assert world.subjects() == []
        # Tuesday 13 October (BST): announced 21 days before, at 9am London.
        assert world.cycle(london(2026, 9, 22, 9, 5)) == 0
        assert world.subjects() == ["Lunch and learn: Tuesday 13 October"]
        october = announcement(world, "Tuesday 13 October")
        assert "0 of 2 places taken" in october["content"]
        world.sb.post_comment(chioma["id"], october["id"], "<div>I'd love to come!</div>")
        assert world.cycle(london(2026, 9, 22, 10, 0)) == 0  # the reply is read

        # Tuesday 10 November (GMT), announced 20 October; October's places-left nudge too.
        assert world.cycle(london(2026, 10, 6, 9, 5)) == 0
        assert world.cycle(london(2026, 10, 20, 9, 5)) == 0
        assert world.subjects() == ["Lunch and learn: Tuesday 13 October",
                                    "1 place left: Lunch and learn",
                                    "Lunch and learn: Tuesday 10 November"]

        # The schedule entries are at 12:30 London: 11:30 UTC in BST, 12:30 UTC in GMT.
        starts = [datetime.fromisoformat(e["starts_at"]).astimezone(UTC)
                  for e in world.entries()]
        assert starts == [datetime(2026, 10, 13, 11, 30, tzinfo=UTC),
                          datetime(2026, 11, 10, 12, 30, tzinfo=UTC)]

        # Reminder the day before, mentioning those signed up.
        def reminders(message: dict) -> list[dict]:
            return [c for c in world.comments_on(message["id"]) if "see you" in c["content"]]

        assert world.cycle(london(2026, 10, 12, 8, 55)) == 0
        assert reminders(october) == []
        assert world.cycle(london(2026, 10, 12, 9, 5)) == 0
        assert len(reminders(october)) == 1
        assert reminders(october)[0]["content"].count("<bc-attachment") == 1

        november = announcement(world, "Tuesday 10 November")
        world.sb.post_comment(hannah["id"], november["id"], "<div>Count me in please</div>")
        # Downtime until the afternoon of 10 November: the reminder is no longer useful.
        assert world.cycle(london(2026, 11, 10, 15, 0)) == 0
        assert reminders(november) == []
        # Nothing is posted twice on further runs.
        before = (world.subjects(), len(world.sb.recordings("Comment")))
        assert world.cycle(london(2026, 11, 10, 16, 0)) == 0
        assert (world.subjects(), len(world.sb.recordings("Comment"))) == before

    def test_full_event_gets_no_places_left_nudge(self, world):
        world.write("events.yaml", MONTHLY)
        assert world.cycle(london(2026, 9, 22, 9, 5)) == 0
        october = announcement(world, "Tuesday 13 October")
        for who in ("chioma", "hannah"):
            world.sb.post_comment(world.people[who]["id"], october["id"], "<div>Yes please!</div>")
        assert world.cycle(london(2026, 9, 23, 9, 5)) == 0  # replies read
        assert world.cycle(london(2026, 10, 6, 9, 5)) == 0
        assert world.subjects() == ["Lunch and learn: Tuesday 13 October"]


CANCELLABLE = """\
events:
  - key: summer-social
    title: Summer social
    format: in_person
    venue: City Hall, London E16
    dates: [2027-06-17, 2027-07-15]
    at: "17:30"
    minutes: 120
    capacity: 30
    leads: {{announce_days: 14, remind_days: 1}}
    changes: {changes}
"""


class TestCancelledOccurrence:
    def test_signed_up_people_are_told_and_entry_updated(self, world):
        world.write("events.yaml", CANCELLABLE.format(changes="[]"))
        assert world.cycle(london(2027, 6, 3, 9, 5)) == 0
        (message,) = world.messages()
        for who in ("chioma", "bea"):
            world.sb.post_comment(world.people[who]["id"], message["id"],
                                  "<div>I'll be there</div>")
        assert world.cycle(london(2027, 6, 4, 9, 5)) == 0

        world.write("events.yaml", CANCELLABLE.format(
            changes="[{day: 2027-06-17, cancelled: true, reason: The venue is closed.}]"))
        assert world.cycle(london(2027, 6, 10, 12, 0)) == 0
        notices = [c for c in world.comments_on(message["id"]) if "is cancelled" in c["content"]]
        assert len(notices) == 1
        assert notices[0]["content"].count("<bc-attachment") == 2
        assert "The venue is closed." in notices[0]["content"]
        (entry,) = world.entries()
        assert entry["summary"] == "Cancelled: Summer social"

        # No reminder for a cancelled occurrence, and no second notice.
        assert world.cycle(london(2027, 6, 16, 9, 5)) == 0
        assert len([c for c in world.comments_on(message["id"])
                    if "is cancelled" in c["content"] or "see you" in c["content"]]) == 1

    def test_cancelled_before_announcement_posts_nothing(self, world):
        world.write("events.yaml", CANCELLABLE.format(
            changes="[{day: 2027-07-15, cancelled: true}]"))
        assert world.cycle(london(2027, 6, 3, 9, 5)) == 0
        assert world.cycle(london(2027, 7, 1, 9, 5)) == 0
        assert world.cycle(london(2027, 7, 14, 9, 5)) == 0
        assert world.subjects() == ["Summer social: Thursday 17 June"]
        assert len(world.entries()) == 1


class TestDryRun:
    def test_dry_run_tick_posts_and_records_nothing(self, world):
        world.write("events.yaml", MONTHLY)
        when = london(2026, 9, 22, 9, 5)
        result = world.tick(when, "--dry-run")
        assert result.exit_code == 0, result.output
        assert world.messages() == [] and world.entries() == []
        # Nothing was recorded either: the real run posts it, once.
        assert world.tick(when).exit_code == 0
        assert world.tick(when.replace(minute=30)).exit_code == 0
        assert world.subjects() == ["Lunch and learn: Tuesday 13 October"]
        assert len(world.entries()) == 1
