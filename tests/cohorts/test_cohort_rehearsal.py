"""A whole six-week cohort rehearsed against the sandbox: every post once, on the right day."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.events.posting_world import london


@pytest.fixture
def world(world_lite):
    """Long rehearsals run on SQLite; the `world` tests elsewhere cover PostgreSQL too."""
    return world_lite


class TestSixWeekCohort:
    def test_every_post_once_on_its_day(self, world, cohort_yaml):
        world.write("cohorts.yaml", cohort_yaml)
        world.sb.add_template("Confidence course cohort")
        net_before = world.subjects()

        # (when, what should exist in the cohort project afterwards)
        plan = [
            (london(2027, 2, 22, 8, 55), None),  # before set-up: nothing
            (london(2027, 2, 22, 9, 5), ["Welcome to Confident Digital Leaders, spring 2027"]),
            (london(2027, 2, 23, 9, 5), []),
            (london(2027, 3, 5, 9, 5), ["Reflection session 1: Monday 8 March"]),
            (london(2027, 3, 7, 9, 5), []),  # reminder: a comment on the agenda
            (london(2027, 3, 8, 13, 55), []),
            (london(2027, 3, 8, 14, 5), ["After reflection session 1: your thoughts"]),
            (london(2027, 3, 19, 9, 5), ["Reflection session 2: Monday 22 March"]),
            (london(2027, 3, 21, 9, 5), []),
            (london(2027, 3, 22, 14, 5), ["After reflection session 2: your thoughts"]),
            # Clocks go forward on 28 March: session 3 is on BST.
            (london(2027, 4, 2, 9, 5), ["Reflection session 3: Monday 5 April"]),
            (london(2027, 4, 4, 9, 5), []),
            (london(2027, 4, 5, 14, 5), ["After reflection session 3: your thoughts"]),
            (london(2027, 4, 12, 9, 5), []),  # course over: check-in paused
            (london(2027, 4, 20, 9, 5), []),
        ]
        seen: list[str] = []
        project_id = None
        for when, new in plan:
            assert world.cycle(when) == 0, when
            projects = [p for p in world.client_projects() if p["name"].startswith("Confident")]
            if new is None:
                assert projects == []
                continue
            assert len(projects) == 1
            project_id = projects[0]["id"]
            subjects = world.subjects(project_id)
            assert subjects == seen + new, when
            seen = subjects
        # Only the welcome into the network at the course's end went to the network project.
        welcome = "Welcome to the network, Confident Digital Leaders, spring 2027"
        assert world.subjects() == [*net_before, welcome]

        # Participants, facilitator and staff were given access; new people created.
        people = {p["email_address"] for p in world.project_people(project_id)}
        assert {"chioma@camden.gov.uk", "hannah@hackney.gov.uk", "nia@brent.gov.uk",
                "helen@adeyemi.co.uk", "amara.okafor@loti.london"} <= people

        # Three schedule entries, with participants, at 12:30 London (GMT, GMT, BST).
        entries = world.entries(project_id)
        assert [e["summary"] for e in entries] == [
            f"Confident Digital Leaders, spring 2027: reflection session {n}" for n in (1, 2, 3)]
        starts = [datetime.fromisoformat(e["starts_at"]).astimezone(UTC) for e in entries]
        assert starts == [datetime(2027, 3, 8, 12, 30, tzinfo=UTC),
                          datetime(2027, 3, 22, 12, 30, tzinfo=UTC),
                          datetime(2027, 4, 5, 11, 30, tzinfo=UTC)]
        assert all(len(e["participants"]) == 3 for e in entries)

        # One reminder per session, a comment on its agenda, mentioning the participants.
        agendas = [m for m in world.messages(project_id) if m["subject"].startswith("Reflection")]
        for agenda in agendas:
            (reminder,) = world.comments_on(agenda["id"])
            assert reminder["content"].count("<bc-attachment") == 3
            assert "is tomorrow" in reminder["content"]

        # The check-in question was created once and paused when the course ended.
        (question,) = world.sb.recordings("Question", bucket_id=project_id)
        assert question["title"] == "What have you tried from the course this fortnight?"
        assert question["paused"] is True
        assert question["schedule"]["frequency"] == "every_other_week"

    def test_catch_up_after_downtime_skips_past_reminders(self, world, cohort_yaml):
        world.write("cohorts.yaml", cohort_yaml)
        world.sb.add_template("Confidence course cohort")
        # The bot was down from before set-up until the afternoon of session 1.
        assert world.cycle(london(2027, 3, 8, 14, 10)) == 0
        (project,) = [p for p in world.client_projects() if p["name"].startswith("Confident")]
        subjects = world.subjects(project["id"])
        # Still relevant: set-up and the follow-up. Agenda and reminder for a past session: no.
        assert subjects == ["Welcome to Confident Digital Leaders, spring 2027",
                            "After reflection session 1: your thoughts"]
        assert world.cycle(london(2027, 3, 8, 15, 0)) == 0
        assert world.subjects(project["id"]) == subjects
