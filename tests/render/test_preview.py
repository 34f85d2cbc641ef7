"""`loti-bot preview` renders a template with real config data and posts nothing."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from bot.cli import cli

REPO = Path(__file__).resolve().parents[2]
ENV = {"LOTI_CONFIG_DIR": str(REPO / "config"), "LOTI_TEMPLATES_DIR": str(REPO / "templates")}


def preview(*args: str):
    return CliRunner().invoke(cli, ["--env-file", "/nonexistent", "preview", *args], env=ENV)


def test_event_occurrence_on_a_date():
    result = preview("event_announcement", "--event", "lunch-and-learn", "--date", "2026-11-10")
    assert result.exit_code == 0, result.output
    assert "Subject: Lunch and learn: Tuesday 10 November" in result.output
    assert "12:30pm to 1:30pm" in result.output
    assert "--- as text ---" in result.output


def test_cohort_session_uses_its_override():
    result = preview("reflection_agenda", "--cohort", "spring-2027", "--session", "3")
    assert result.exit_code == 0, result.output
    assert "Reflection session 3: Wednesday 7 April" in result.output
    assert "What are you proudest of" in result.output


def test_clear_errors_for_unknown_keys_and_dates():
    result = preview("event_announcement", "--event", "nope")
    assert result.exit_code == 2 and "no event series 'nope'" in result.output
    result = preview("event_announcement", "--event", "lunch-and-learn", "--date", "2026-11-11")
    assert result.exit_code == 2 and "no occurrence on 2026-11-11" in result.output
    result = preview("reflection_agenda", "--cohort", "spring-2027", "--session", "9")
    assert result.exit_code == 2 and "sessions 1 to 3" in result.output
    result = preview("reflection_agenda")
    assert result.exit_code == 2 and "--event KEY" in result.output


def test_text_view_shows_where_mentions_go():
    result = preview("event_reminder", "--event", "lunch-and-learn")
    assert result.exit_code == 0, result.output
    text = result.output.split("--- as text ---", 1)[1]
    assert "@(mention)" in text and not text.lstrip().startswith(",")
