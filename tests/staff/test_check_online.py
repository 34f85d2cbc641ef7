"""`loti-bot check --online`: what config names must exist in the Basecamp account (sandbox)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_config
from tests.staff.staff_support import StaffDesk, error_line, make_desk
from tests.support.world import sandbox_env


def named_people(config) -> set[str]:
    emails = {s.email for s in config.network.staff}
    emails |= {o.champion for o in config.network.organisations if o.champion}
    for cohort in config.cohorts:
        emails |= set(cohort.staff)
    for r in config.mentoring:
        emails |= set(r.approvers)
    return emails


@pytest.fixture
def online(sandbox, tmp_path: Path) -> StaffDesk:
    """The shipped config, and a sandbox account holding everything it names."""
    desk = make_desk(tmp_path)
    desk.env.update(sandbox_env(sandbox, desk.env["DATABASE_URL"],
                                LOTI_CONFIG_DIR=desk.env["LOTI_CONFIG_DIR"],
                                LOTI_TEMPLATES_DIR=desk.env["LOTI_TEMPLATES_DIR"]))
    config = load_config(desk.config_dir)
    names = {config.network.project.name}
    for cohort in config.cohorts:
        if cohort.recruitment and cohort.recruitment.staff_project:
            names.add(cohort.recruitment.staff_project)
        if cohort.template:
            sandbox.add_template(cohort.template)
    for r in config.mentoring:
        names |= {p for p in (r.project, r.approval_project, r.introductions_project) if p}
    for name in names:
        sandbox.add_project(name)
    for n, email in enumerate(sorted(named_people(config))):
        sandbox.add_person(f"Person {n}", email)
    return desk


def writes(sandbox) -> int:
    return sum(len(sandbox.recordings(kind)) for kind in ("Message", "Comment"))


def test_everything_named_exists(online: StaffDesk, sandbox) -> None:
    result = online.run("check", "--online")
    assert result.exit_code == 0, result.output
    assert "Basecamp" in result.output
    assert writes(sandbox) == 0


def test_a_staff_member_not_in_basecamp(online: StaffDesk, sandbox) -> None:
    online.edit("config/network.yaml", "sophie.lindqvist@loti.london", "sophie.l@loti.london")
    result = online.run("check", "--online")
    assert result.exit_code == 2, result.output
    line = error_line(result.output)
    expected = online.line_of("config/network.yaml", "sophie.l@loti.london")
    assert line.startswith(f"{online.config_dir / 'network.yaml'}:{expected}: staff[1].email: ")
    assert "sophie.l@loti.london" in line and "Basecamp" in line
    assert writes(sandbox) == 0


def test_a_project_not_in_basecamp(online: StaffDesk) -> None:
    online.edit("config/cohorts.yaml", "staff_project: LOTI staff room",
                "staff_project: LOTI staffroom")
    line = error_line(online.run("check", "--online").output)
    expected = online.line_of("config/cohorts.yaml", "staff_project: LOTI staffroom")
    assert line.startswith(
        f"{online.config_dir / 'cohorts.yaml'}:{expected}: cohorts[0].recruitment.staff_project: ")
    assert "LOTI staff room" in line  # the projects that do exist are listed


def test_a_basecamp_template_not_in_the_account(online: StaffDesk) -> None:
    online.edit("config/cohorts.yaml", "template: Confidence course cohort",
                "template: Confidence course")
    line = error_line(online.run("check", "--online").output)
    expected = online.line_of("config/cohorts.yaml", "template: Confidence course")
    path = online.config_dir / "cohorts.yaml"
    assert line.startswith(f"{path}:{expected}: cohorts[0].template: ")
    assert "Confidence course cohort" in line


def test_offline_check_does_not_call_basecamp(tmp_path: Path) -> None:
    desk = make_desk(tmp_path, BASECAMP_API_URL="http://127.0.0.1:9")  # nothing listens there
    assert desk.run("check").exit_code == 0
