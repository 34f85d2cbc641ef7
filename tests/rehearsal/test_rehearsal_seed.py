"""`loti-bot sandbox --seed config`: a rehearsal of the shipped config, as staff would run it."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
from pathlib import Path

import requests
from click.testing import CliRunner

from bot.cli import cli
from bot.config import load_config
from bot.sandbox import Sandbox
from bot.sandbox.seed_config import seed_config, staff_project_names

REPO = Path(__file__).resolve().parents[2]
# One date per feature: an event, cohort recruitment, the mentoring call, matching and set-up.
REHEARSAL = ["2026-12-22T09:30", "2027-01-11T09:30", "2027-02-01T10:05", "2027-02-22T10:05",
             "2027-03-05T09:30"]


def _start_sandbox(tmp_path: Path) -> tuple[subprocess.Popen, dict[str, str], str]:
    """`loti-bot sandbox --seed config --port 0`; its pasted variables and everything it said."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BASECAMP_", "LOTI_"))}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "--env-file", "/nonexistent", "sandbox", "--seed",
         "config", "--port", "0", "--config-dir", str(REPO / "config")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path, env=env)
    lines, pasted = [], {}
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line)
        if line.strip().startswith("export "):
            # Exactly what a shell would do with the pasted line.
            (word,) = shlex.split(line.strip().removeprefix("export "))
            name, _, value = word.partition("=")
            pasted[name] = value
        if "Ctrl-C" in line:
            break
    else:
        raise AssertionError(f"the sandbox stopped: {''.join(lines)} {proc.stderr.read()}")
    return proc, pasted, "".join(lines)


def _rows(table: dict | list) -> list[dict]:
    return list(table.values()) if isinstance(table, dict) else list(table)


def test_seed_config_builds_everything_the_config_names() -> None:
    config = load_config(REPO / "config")
    with Sandbox() as sb:
        seeded = seed_config(sb, config)
        state = sb.state
        names = [p["name"] for p in state.projects.values()]
        assert names.count(config.network.project.name) == 1
        assert set(staff_project_names(config)) == {"LOTI staff room", "LOTI staff"}
        assert set(seeded.staff_projects) <= set(names)
        assert [t["name"] for t in state.templates.values()] == ["Confidence course cohort"]
        emails = {p["email_address"] for p in state.people.values()}
        assert {s.email for s in config.network.staff} <= emails
        assert {o.champion for o in config.network.organisations if o.champion} <= emails
        for org in config.network.organisations:  # invented members of every organisation
            assert len(seeded.members[org.key]) >= 2
            assert all(config.network.organisation_for(state.people[i]["email_address"]) == org
                       for i in seeded.members[org.key])
        bot = state.bot_person_id
        assert all(bot in p["people"] for p in state.projects.values())  # the bot is on each
        staff_ids = set(seeded.staff)
        for pid in seeded.staff_projects.values():  # staff only, never members
            assert set(state.projects[pid]["people"]) == staff_ids | {bot}


def test_sandbox_prints_pasteable_variables_and_tick_runs_every_planner(tmp_path) -> None:
    proc, pasted, said = _start_sandbox(tmp_path)
    assert "Confidence course cohort" in said  # it says what it seeded
    try:
        assert {"BASECAMP_API_URL", "BASECAMP_ACCOUNT_ID", "BASECAMP_ACCESS_TOKEN",
                "BASECAMP_REFRESH_TOKEN", "BASECAMP_CLIENT_ID", "BASECAMP_CLIENT_SECRET",
                "BASECAMP_USER_AGENT", "DATABASE_URL"} <= set(pasted)
        api = pasted["BASECAMP_API_URL"]
        info = requests.get(f"{api}/__sandbox/info", timeout=5).json()
        assert pasted["BASECAMP_ACCESS_TOKEN"] == info["access_token"]
        assert "sqlite" in pasted["DATABASE_URL"]  # a rehearsal never touches production
        env = {k: None for k in os.environ if k.startswith(("BASECAMP_", "LOTI_", "DATABASE_"))}
        env |= pasted | {"DATABASE_URL": f"sqlite:///{tmp_path / 'rehearsal.sqlite3'}",
                         "LOTI_CONFIG_DIR": str(REPO / "config"),
                         "LOTI_TEMPLATES_DIR": str(REPO / "templates")}
        requests.post(f"{api}/__sandbox/rate_limit", json={"enabled": False}, timeout=5)
        for when in REHEARSAL:
            requests.post(f"{api}/__sandbox/clock", json={"set": f"{when}:00+00:00"}, timeout=5)
            result = CliRunner().invoke(cli, ["--env-file", "/nonexistent", "tick",
                                              "--now", when], env=env)
            assert result.exit_code == 0, result.output
            assert "Traceback" not in result.output, result.output
            assert "failed" not in result.output, result.output
        state = requests.get(f"{api}/__sandbox/state", timeout=5).json()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=10)
    bot = state["bot_person_id"]
    mine = [r for r in _rows(state["recordings"]) if r["creator_id"] == bot
            and r["type"] == "Message"]
    subjects = " | ".join(m["subject"] for m in mine)
    projects = {p["id"]: p["name"] for p in _rows(state["projects"])}
    # Every planner did its part: events, cohorts (with a staff summary and the template's
    # project), mentoring (the call, then proposed pairs in the staff project).
    assert "Lunch and learn" in subjects
    assert "Places open: Confident Digital Leaders" in subjects
    assert "mentoring round" in subjects
    assert any(projects[m["bucket_id"]] == "LOTI staff room" for m in mine)
    assert any(projects[m["bucket_id"]] == "LOTI staff" for m in mine)
    assert "Confident Digital Leaders, spring 2027" in projects.values()
