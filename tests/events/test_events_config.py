"""Event series config: validation with file:line errors, occurrences, planned posts."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.config import ConfigError, load_config
from bot.config.events import EventSeries
from bot.jobs.events import closes_at, event_plan

LONDON = ZoneInfo("Europe/London")
BASE = {"key": "lunch", "title": "Lunch and learn", "link": "https://teams.example.org/x"}


def load(tmp_path: Path, events: str, network_yaml: str):
    (tmp_path / "network.yaml").write_text(network_yaml)
    (tmp_path / "events.yaml").write_text(events)
    return load_config(tmp_path)


class TestValidation:
    @pytest.mark.parametrize("extra, message", [
        ({"recurrence": {"ordinal": "second", "weekday": "tuesday", "starts": "2026-01-01"},
          "dates": ["2026-02-01"]}, "exactly one"),
        ({}, "exactly one"),
        ({"dates": ["2026-02-01"], "link": None}, "online series needs a link"),
        ({"dates": ["2026-02-01"], "format": "in_person", "link": None}, "needs a venue"),
        ({"dates": ["2026-02-01"], "link": "javascript:x"}, "https://"),
        ({"dates": ["2026-02-01"], "key": "Lunch Learn"}, "lower-case"),
        ({"recurrence": {"ordinal": "fifth", "weekday": "tuesday", "starts": "2026-01-01"}},
         "unknown ordinal"),
        ({"dates": ["2026-02-01"], "leads": {"announce_days": 1, "remind_days": 3}},
         "remind_days"),
        ({"dates": ["2026-02-01"], "changes": [{"day": "2026-02-02", "cancelled": True}]},
         "not one of this series' dates"),
        ({"recurrence": {"ordinal": "second", "weekday": "tuesday", "starts": "2026-01-01"},
          "changes": [{"day": "2026-02-11", "cancelled": True}]},
         "not one of this series' dates"),
        ({"dates": ["2026-02-01"], "unconference": {"call_days": 2, "agenda_days": 3}},
         "agenda_days"),
    ])
    def test_bad_series_is_rejected_with_a_reason(self, extra, message):
        with pytest.raises(ValueError, match=message):
            EventSeries(**(BASE | extra))

    def test_error_names_file_and_line(self, tmp_path, network_yaml):
        text = ("events:\n"
                "  - key: lunch\n"
                "    title: Lunch\n"
                "    link: https://x.org\n"
                "    dates: [2026-12-08]\n"
                "    leads:\n"
                "      anounce_days: 3\n")
        with pytest.raises(ConfigError) as info:
            load(tmp_path, text, network_yaml)
        assert info.value.file.endswith("events.yaml")
        assert info.value.line == 7
        assert "unknown key" in info.value.message

    def test_example_config_loads(self):
        config = load_config(Path(__file__).resolve().parents[2] / "config")
        keys = [s.key for s in config.events]
        assert "lunch-and-learn" in keys


class TestOccurrences:
    series = EventSeries(**BASE, recurrence={"ordinal": "second", "weekday": "tuesday",
                                             "starts": "2026-10-01"},
                         changes=[{"day": "2026-11-10", "at": "13:00"},
                                  {"day": "2026-12-08", "cancelled": True, "reason": "Holidays"}])

    def test_changes_apply_to_one_occurrence(self):
        occs = self.series.occurrences(date(2026, 10, 1), date(2026, 12, 31), LONDON)
        assert [o.day for o in occs] == [date(2026, 10, 13), date(2026, 11, 10),
                                         date(2026, 12, 8)]
        assert [o.starts_at.time() for o in occs] == [time(12, 30), time(13, 0), time(12, 30)]
        assert [o.cancelled for o in occs] == [False, False, True]
        assert occs[2].reason == "Holidays"
        assert occs[0].key == "event:lunch:2026-10-13"

    def test_plan_for_a_cancelled_occurrence_is_only_the_notice(self):
        occ = self.series.occurrences(date(2026, 12, 1), date(2026, 12, 31), LONDON)[0]
        assert [p.kind for p in event_plan(occ)] == ["cancellation"]

    def test_plan_lead_times_and_expiry(self):
        occ = self.series.occurrences(date(2026, 10, 1), date(2026, 10, 31), LONDON)[0]
        plan = {p.kind: p for p in event_plan(occ)}
        assert plan["announcement"].due_at == datetime(2026, 9, 22, 9, 0, tzinfo=LONDON)
        assert plan["reminder"].due_at == datetime(2026, 10, 12, 9, 0, tzinfo=LONDON)
        assert plan["reminder"].expires_at == occ.starts_at
        assert closes_at(occ) == occ.starts_at
