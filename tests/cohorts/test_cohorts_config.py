"""Cohort config: validation, reflection sessions with overrides, the planned posts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.config import ConfigError, load_config
from bot.config.cohorts import Cohort
from bot.jobs.cohorts import checkin_schedule, cohort_plan, coverage

LONDON = ZoneInfo("Europe/London")
BASE = {
    "key": "spring", "name": "Spring cohort", "course_start": "2027-03-01",
    "participants_from": "list", "participants": [{"name": "A", "email": "a@camden.gov.uk"}],
    "reflection": {"link": "https://teams.example.org/r"},
}


class TestValidation:
    @pytest.mark.parametrize("change, message", [
        ({"participants_from": "recruitment"}, "needs a recruitment section"),
        ({"participants": []}, "needs a participants list"),
        ({"participants": [{"name": "A", "email": "not-an-email"}]}, "email address"),
        ({"reflection": {}}, "needs a link or a venue"),
        ({"reflection": {"link": "https://x", "first_after_days": 30}}, "outside the 6-week"),
        ({"reflection": {"link": "https://x", "sessions": [{"number": 4}]}}, "1 to count"),
        ({"per_org_minimum": 3, "per_org_maximum": 2}, "per_org_maximum"),
        ({"tools": ["message_board", "kanban"]}, "unknown tool"),
        ({"recruitment": {"announce_on": "2027-02-01", "reservation_deadline": "2027-01-20",
                          "closes_on": "2027-02-10"}}, "announce_on <= reservation_deadline"),
        ({"recruitment": {"announce_on": "2027-01-11", "reservation_deadline": "2027-02-05",
                          "closes_on": "2027-02-25"}}, "before the project is set up"),
        ({"recruitment": {"announce_on": "2027-01-11", "reservation_deadline": "2027-02-05",
                          "closes_on": "2027-02-12", "nudges": ["2027-02-06"]}},
         "by the reservation deadline"),
    ])
    def test_bad_cohort_is_rejected_with_a_reason(self, change, message):
        with pytest.raises(ValueError, match=message):
            Cohort(**(BASE | change))

    def test_error_names_file_and_line(self, tmp_path, network_yaml):
        (tmp_path / "network.yaml").write_text(network_yaml)
        (tmp_path / "cohorts.yaml").write_text(
            "cohorts:\n  - key: spring\n    name: Spring\n    course_start: 2027-03-01\n"
            "    capacity: -4\n    participants_from: list\n"
            "    participants: [{name: A, email: a@b.org}]\n"
            "    reflection: {link: 'https://x'}\n")
        with pytest.raises(ConfigError) as info:
            load_config(tmp_path)
        assert info.value.line == 5
        assert info.value.field == "cohorts[0].capacity"

    def test_example_config_loads(self):
        config = load_config(Path(__file__).resolve().parents[2] / "config")
        (cohort,) = config.cohorts
        assert [s.number for s in cohort.sessions()] == [1, 2, 3]


class TestSessions:
    def test_defaults_and_one_override(self):
        c = Cohort(**(BASE | {"reflection": {
            "link": "https://x", "at": "12:30",
            "sessions": [{"number": 3, "day": "2027-04-07", "at": "16:00",
                          "venue": "City Hall", "prompts": ["Last one!"]}]}}))
        s1, s2, s3 = c.sessions()
        assert (s1.day, s2.day, s3.day) == (date(2027, 3, 8), date(2027, 3, 22), date(2027, 4, 7))
        assert (s1.week, s2.week, s3.week) == (2, 4, 6)
        assert s3.starts_at.astimezone(UTC) == datetime(2027, 4, 7, 15, 0, tzinfo=UTC)  # BST
        assert s1.starts_at.astimezone(UTC) == datetime(2027, 3, 8, 12, 30, tzinfo=UTC)  # GMT
        assert s3.prompts == ("Last one!",) and s1.prompts != s3.prompts
        assert s3.venue == "City Hall"

    def test_plan_keys_are_deterministic_and_unique(self):
        c = Cohort(**(BASE | {"check_in": {}, "tools": ["message_board", "schedule",
                                                        "questionnaire"]}))
        keys = [p.key for p in cohort_plan(c, LONDON)]
        assert keys == [p.key for p in cohort_plan(c, LONDON)]
        assert len(keys) == len(set(keys))
        assert "cohort:spring:session:2:reminder" in keys
        assert keys[-1] == "cohort:spring:checkin:pause"

    def test_checkin_schedule_uses_basecamp_day_numbers(self):
        c = Cohort(**(BASE | {"template": "T",
                              "check_in": {"weekday": "friday", "time_of_day": "16:00"}}))
        sched = checkin_schedule(c)
        assert sched["days"] == ["5"] and sched["time_of_day"] == "4:00pm"
        assert sched["start_date"] == "2027-03-01" and sched["end_date"] == "2027-04-11"


def test_coverage_counts_by_organisation(tmp_path, network_yaml):
    (tmp_path / "network.yaml").write_text(network_yaml)
    network = load_config(tmp_path).network
    rows = coverage(network, ["a@camden.gov.uk", "b@camden.gov.uk", "c@hackney.gov.uk",
                              "x@gmail.com"], minimum=2)
    got = {r.key: (r.taken, r.needed) for r in rows}
    assert got == {"camden": (2, 0), "hackney": (1, 1), "brent": (0, 2)}
    assert rows[0].key == "brent"
