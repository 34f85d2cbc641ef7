"""Thread upkeep against the sandbox: staff-added people as participants, retiring past threads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from signups_world import START

from bot.jobs.signups import KIND, add_staff_change

EVENT_ENDS = datetime(2026, 5, 16, 13, 0, tzinfo=UTC)  # SignupWorld's schedule entry


def _people_listings(world, since: int) -> int:
    return sum(1 for r in world.sb.request_log[since:] if r.path.endswith("/people.json"))


class TestStaffAddedParticipants:
    def test_staff_added_basecamp_person_who_never_replied_is_a_participant(self, world) -> None:
        amira = world.member("Amira Khan", "Amira.Khan@camden.gov.uk")
        priya = world.member("Priya Shah", "priya@hackney.gov.uk")
        world.announce(capacity=3, staff_add=("amira.khan@camden.gov.uk", "ghost@brent.gov.uk"))
        world.reply(priya, "Count me in!")
        before = len(world.sb.request_log)
        world.cycle()
        # Amira never replied; the ghost has no Basecamp account and is simply left out.
        assert world.participants() == sorted([amira["id"], priya["id"]])
        assert _people_listings(world, before) == 1  # one listing for the whole cycle

    def test_cli_style_add_becomes_a_participant_on_the_next_cycle(self, world) -> None:
        jo = world.member("Jo Lee", "jo@brent.gov.uk")
        world.announce(capacity=2)
        world.cycle()
        assert world.participants() == []
        add_staff_change(world.ctx, world.key, "JO@brent.gov.uk", "add")
        world.cycle()
        assert world.participants() == [jo["id"]]

    def test_no_people_listing_when_everyone_confirmed_replied(self, world) -> None:
        priya = world.member("Priya Shah", "priya@hackney.gov.uk")
        world.announce(capacity=2)
        world.reply(priya, "Yes please")
        before = len(world.sb.request_log)
        world.cycle()
        assert world.participants() == [priya["id"]]
        assert _people_listings(world, before) == 0


class TestRetiringPastThreads:
    def test_thread_is_read_until_the_event_ends_then_unwatched(self, world) -> None:
        closes = START + timedelta(days=10)
        world.announce(capacity=2, closes_at=closes)
        priya = world.member("Priya Shah", "priya@hackney.gov.uk")
        world.reply(priya, "Count me in!")
        world.cycle()

        # An open thread's planner pass never looks at the schedule entry.
        before = len(world.sb.request_log)
        world.cycle()
        assert not any("schedule_entries" in r.path for r in world.sb.request_log[before:])

        # Closed but the event is still ahead: a withdrawal is still read and answered.
        world.sb.clock.set(closes + timedelta(days=1))
        r2 = world.reply(priya, "So sorry, I can't make it after all")
        world.cycle()
        assert world.bot_boosts(r2["id"]) == ["👋 Place released"]
        assert [t.key for t in world.ctx.reader.threads(KIND)] == [world.key]

        # A day after the event: put to rest.
        world.sb.clock.set(EVENT_ENDS + timedelta(days=1))
        world.cycle()
        assert world.ctx.reader.threads(KIND) == []

        # From now on a cycle costs nothing for it, and new replies are not read.
        late = world.reply(priya, "Yes please!")
        before = len(world.sb.request_log)
        result = world.cycle()
        assert world.sb.request_log[before:] == []
        assert result.handled == 0 and world.bot_boosts(late["id"]) == []

    def test_a_thread_without_a_closing_time_is_kept(self, world) -> None:
        world.announce(capacity=2)
        world.sb.clock.set(EVENT_ENDS + timedelta(days=30))
        world.cycle()
        assert [t.key for t in world.ctx.reader.threads(KIND)] == [world.key]
