"""A broken template is caught by `loti-bot check`, and a cycle then posts nothing."""

from __future__ import annotations

import shutil
from datetime import datetime
from zoneinfo import ZoneInfo

from click.testing import CliRunner

from bot.cli import cli

LONDON = ZoneInfo("Europe/London")

EVENTS = """\
events:
  - key: lunch-and-learn
    title: Lunch and learn
    link: https://teams.example.org/lunch
    dates: [2026-12-08]
"""


def test_broken_template_is_caught_by_check_and_nothing_is_posted(world, tmp_path, monkeypatch,
                                                                  repo):
    templates = tmp_path / "templates"
    shutil.copytree(repo / "templates", templates)
    path = templates / "event_announcement.html.j2"
    lines = path.read_text().splitlines()
    line_no = next(i for i, line in enumerate(lines, 1) if "event.title" in line
                   and "block subject" not in line)
    lines[line_no - 1] = lines[line_no - 1].replace("event.title", "event.tittle", 1)
    path.write_text("\n".join(lines) + "\n")
    world.write("events.yaml", EVENTS)

    env = world.env() | {"LOTI_TEMPLATES_DIR": str(templates)}
    result = CliRunner().invoke(cli, ["--env-file", "/nonexistent", "check"], env=env)
    assert result.exit_code == 2
    assert f"event_announcement.html.j2:{line_no}" in result.output
    assert "tittle" in result.output

    monkeypatch.setattr(world, "env", lambda: env)
    assert world.cycle(datetime(2026, 11, 17, 9, 5, tzinfo=LONDON)) == 1
    assert world.messages() == []
    assert world.entries() == []


def test_one_broken_series_does_not_stop_the_others(world, caplog):
    world.write("events.yaml", EVENTS + """\
  - key: coffee
    title: Virtual coffee
    link: https://teams.example.org/coffee
    dates: [2026-12-08]
    announcement_template: no_such_template
""")
    assert world.cycle(datetime(2026, 11, 17, 9, 5, tzinfo=LONDON)) == 1
    assert [m["subject"] for m in world.messages()] == ["Lunch and learn: Tuesday 8 December"]
    assert "event:coffee:2026-12-08:announcement failed" in caplog.text
    assert "template not found" in caplog.text
