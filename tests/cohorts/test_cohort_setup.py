"""Cohort project set-up: idempotent, resumable after a crash, plain project with tools."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
SETUP = datetime(2027, 2, 22, 9, 5, tzinfo=LONDON)


def cohort_projects(world) -> list[dict]:
    return [p for p in world.client_projects() if p["name"].startswith("Confident")]


def counts(world, project_id: int) -> dict[str, int]:
    return {
        "messages": len(world.messages(project_id)),
        "entries": len(world.entries(project_id)),
        "questions": len(world.sb.recordings("Question", bucket_id=project_id)),
    }


class TestResumableSetUp:
    def test_crash_halfway_is_finished_next_run_without_duplicates(self, world, cohort_yaml):
        world.write("cohorts.yaml", cohort_yaml)
        world.sb.add_template("Confidence course cohort")
        # One entry is saved but its answer is lost; then Basecamp fails (503, 500).
        world.sb.faults.drop_after_commit(n=1, methods=("POST",), path=r"entries\.json")
        world.sb.faults.script([503, 500], methods=("POST",), path=r"entries\.json")
        first = world.cycle(SETUP)
        assert first == 1  # the cohort planner failed partway through
        (project,) = cohort_projects(world)
        assert counts(world, project["id"])["questions"] == 0  # never got that far

        world.sb.faults.clear()
        assert world.cycle(SETUP.replace(minute=20)) == 0
        assert len(cohort_projects(world)) == 1
        assert counts(world, project["id"]) == {"messages": 1, "entries": 3, "questions": 1}
        entries = world.entries(project["id"])
        assert sorted(e["summary"][-1] for e in entries) == ["1", "2", "3"]

        # And again: nothing new.
        assert world.cycle(SETUP.replace(hour=15)) == 0
        assert len(cohort_projects(world)) == 1
        assert counts(world, project["id"]) == {"messages": 1, "entries": 3, "questions": 1}

    def test_plain_project_when_there_is_no_template(self, world, cohort_yaml):
        world.write("cohorts.yaml", cohort_yaml.replace(
            "    template: Confidence course cohort\n",
            "    tools: [message_board, schedule, chat, questionnaire]\n"))
        assert world.cycle(SETUP) == 0
        (project,) = cohort_projects(world)
        assert world.subjects(project["id"]) == [
            "Welcome to Confident Digital Leaders, spring 2027"]
        emails = {p["email_address"] for p in world.project_people(project["id"])}
        assert "nia@brent.gov.uk" in emails

    def test_missing_template_is_a_clear_failure_and_posts_nothing(self, world, cohort_yaml,
                                                                   caplog):
        world.write("cohorts.yaml", cohort_yaml)  # no such template in the sandbox
        assert world.cycle(SETUP) == 1
        assert cohort_projects(world) == []
        assert "no Basecamp template called 'Confidence course cohort'" in caplog.text
