"""The docs staff and deployers read say what the bot really does."""

from __future__ import annotations

import json
import re

import pytest

from bot.commands.sandbox import sandbox_command
from tests.staff.staff_support import StaffDesk
from tests.support.world import REPO

GUIDE = (REPO / "docs" / "staff-guide.md").read_text()
DEPLOY = (REPO / "docs" / "deploy.md").read_text()
README = (REPO / "README.md").read_text()

EVENTS = "config/events.yaml"
MISTAKES = {
    "time": (EVENTS, 'at: "12:30"', "at: 1230"),
    "date": (EVENTS, "dates: [2027-06-17]", "dates: [2027-02-30]"),
    "list": (EVENTS, "dates: [2027-06-17]", "dates: 2027-06-17"),
    "key": (EVENTS, "key: summer-unconference", "key: lunch-and-learn"),
    "typo": ("templates/event_announcement.html.j2", "{{ event.venue }}", "{{ event.venu }}"),
    "places": ("templates/event_announcement.html.j2", "{{ places_line }}", ""),
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_error_in_the_staff_guide_is_what_check_prints(desk: StaffDesk, mistake) -> None:
    desk.edit(*MISTAKES[mistake])
    result = desk.run("check")
    assert result.exit_code == 2
    printed = result.output.strip().splitlines()[-1].replace(f"{desk.root}/", "")
    assert printed in GUIDE, f"the staff guide does not show:\n{printed}"


def test_staff_guide_covers_each_step() -> None:
    for step in ("loti-bot check", "check --online", "loti-bot preview", "--html",
                 "sandbox --seed config", "tick --dry-run --now", "loti-bot status"):
        assert step in GUIDE, step
    walk = GUIDE[GUIDE.index("## A walk-through, recorded"):]
    assert walk.count("[exit ") >= 8  # recorded from commands actually run, with their exits


def test_deploy_guide_covers_a_paas_from_nothing() -> None:
    for topic in ("Procfile", "release: loti-bot migrate", "worker: loti-bot run",
                  "postgresql", "DATABASE_URL", "loti-bot auth", "worker=1",
                  "Rolling back", "BASECAMP_USER_AGENT", "upgrad"):
        assert topic in DEPLOY, topic


def test_readme_says_what_the_tests_need() -> None:
    assert "../shared" in README and "LOTI_TEST_POSTGRES_URL" in README
    assert 'pytest -m "not postgres"' in README
    assert "role `postgres`" in README and "database `test`" in README


def test_readme_gives_the_sandbox_port_actually_used() -> None:
    port = next(p.default for p in sandbox_command.params if p.name == "port")
    assert f"127.0.0.1:{port}" in README
    assert "--port 3000" not in README


def test_readme_classify_json_fields_are_the_real_ones(desk: StaffDesk) -> None:
    section = README[README.index("### `classify --json`"):]
    documented = json.loads(re.search(r"```json\n(.*?)\n```", section, re.S).group(1))
    result = desk.run("classify", "--json", "-",
                      input=json.dumps({"id": 1, "html": "Count me in!"}) + "\n")
    real = json.loads(result.stdout.splitlines()[0])
    assert set(documented) <= set(real)
    assert documented["intent"] == real["intent"]
