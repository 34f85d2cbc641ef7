"""`loti-bot preview` shows what will really be posted, from the real config."""

from __future__ import annotations

from pathlib import Path

from tests.staff.staff_support import StaffDesk

NOW = "2026-12-01T10:00"  # the 8 December lunch and learn is cancelled in the shipped config


def test_next_occurrence_skips_a_cancelled_one(desk: StaffDesk) -> None:
    result = desk.run("preview", "event_announcement", "--event", "lunch-and-learn",
                      "--now", NOW)
    assert result.exit_code == 0, result.output
    assert "Tuesday 12 January" in result.output
    assert "8 December" not in result.output


def test_real_capacity_is_shown(desk: StaffDesk) -> None:
    result = desk.run("preview", "event_announcement", "--event", "lunch-and-learn",
                      "--now", NOW)
    assert "0 of 60 places taken" in result.output  # capacity: 60 in events.yaml
    desk.edit("config/events.yaml", "capacity: 60", "capacity: 25")
    result = desk.run("preview", "event_announcement", "--event", "lunch-and-learn",
                      "--now", NOW)
    assert "0 of 25 places taken" in result.output


def test_cancellation_uses_the_real_occurrence_and_reason(desk: StaffDesk) -> None:
    result = desk.run("preview", "cancellation_notice", "--event", "lunch-and-learn",
                      "--now", NOW)
    assert result.exit_code == 0, result.output
    assert "8 December" in result.output
    assert "we'll see you in January instead" in result.output
    assert "speaker is unwell" not in result.output


def test_a_wrong_template_name_lists_the_valid_ones(desk: StaffDesk) -> None:
    result = desk.run("preview", "event_anouncement", "--event", "lunch-and-learn")
    assert result.exit_code == 2
    assert "event_announcement" in result.output and "places_left" in result.output
    assert "Traceback" not in result.output


def test_reads_the_env_file(desk: StaffDesk, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    (other / "config").mkdir(parents=True)
    for f in desk.config_dir.iterdir():
        (other / "config" / f.name).write_text(f.read_text())
    text = (other / "config" / "events.yaml").read_text()
    (other / "config" / "events.yaml").write_text(text.replace("capacity: 60", "capacity: 33"))
    (desk.root / ".env").write_text(f"LOTI_CONFIG_DIR={other / 'config'}\n"
                                    f"LOTI_TEMPLATES_DIR={desk.templates_dir}\n")
    result = desk.run("preview", "event_announcement", "--event", "lunch-and-learn",
                      "--now", NOW, LOTI_CONFIG_DIR=None, LOTI_TEMPLATES_DIR=None)
    assert result.exit_code == 0, result.output
    assert "0 of 33 places taken" in result.output


def test_html_page_shows_the_post(desk: StaffDesk, tmp_path: Path) -> None:
    page = tmp_path / "preview.html"
    result = desk.run("preview", "event_announcement", "--event", "summer-unconference",
                      "--now", NOW, "--html", str(page))
    assert result.exit_code == 0, result.output
    html = page.read_text()
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert "<h1" in html and "Summer unconference" in html
    assert "City Hall" in html and "0 of 80 places taken" in html
    assert "{{" not in html and "{%" not in html
    assert str(page) in result.output


def test_date_that_is_not_an_occurrence_is_a_clear_error(desk: StaffDesk) -> None:
    result = desk.run("preview", "event_announcement", "--event", "lunch-and-learn",
                      "--date", "2027-01-13")
    assert result.exit_code == 2
    assert "2027-01-12" in result.output  # the nearest real dates are suggested
