"""A failing planner logs one line (the reason and the config entry to fix) and backs off."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.config import load_config
from bot.jobs import planner
from bot.jobs.context import build_context
from bot.sandbox.seed_config import seed_config
from bot.settings import load_settings
from tests.support.world import FAST_RETRIES, REPO, sandbox_env

LONDON = ZoneInfo("Europe/London")
RECRUITMENT = datetime(2027, 1, 11, 9, 30, tzinfo=LONDON)
NUDGE = datetime(2027, 1, 25, 9, 30, tzinfo=LONDON)


def _errors(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_missing_staff_project_is_one_line_naming_the_entry_then_backs_off(
        sandbox, db_url, caplog) -> None:
    config = load_config(REPO / "config")
    seeded = seed_config(sandbox, config)
    sandbox.rate_limit(requests=10_000, per_seconds=10)
    settings = load_settings(env_file=None, **{
        k.lower(): v for k, v in sandbox_env(sandbox, db_url).items()})
    planner.load_features()
    # One long-lived context, as the worker keeps (ctx.at(now) for each cycle).
    ctx = build_context(settings, now=RECRUITMENT, config=config, client_options=FAST_RETRIES)
    try:
        assert planner.run(ctx.at(RECRUITMENT)) == 0
        room = sandbox.state.projects[seeded.staff_projects["LOTI staff room"]]
        room["name"] = "Old staff room"  # staff renamed it in Basecamp
        caplog.clear()
        caplog.set_level(logging.INFO)

        assert planner.run(ctx.at(NUDGE)) == 1
        (line,) = _errors(caplog)
        text = line.getMessage()
        assert "cohorts failed" in text
        assert "Basecamp project called 'LOTI staff room'" in text
        assert "Fix: config/cohorts.yaml, cohorts entry “spring-2027”" in text
        assert "Trying again in 2 minutes" in text
        assert line.exc_info is None and "Traceback" not in caplog.text

        caplog.clear()  # the next cycles, a minute apart: no new line until the back-off ends
        assert planner.run(ctx.at(NUDGE + timedelta(minutes=1))) == 0
        assert _errors(caplog) == []
        assert planner.run(ctx.at(NUDGE + timedelta(minutes=2))) == 1
        (line,) = _errors(caplog)
        assert "Trying again in 4 minutes" in line.getMessage()

        caplog.clear()
        room["name"] = "LOTI staff room"  # fixed
        assert planner.run(ctx.at(NUDGE + timedelta(minutes=5))) == 0
        assert _errors(caplog) == []
        assert planner.run(ctx.at(NUDGE + timedelta(minutes=6))) == 0
        assert "cohorts works again" in caplog.text
        assert any(m["subject"].startswith("Confident Digital Leaders, spring 2027: sign-ups")
                   for m in sandbox.recordings("Message", bucket_id=room["id"]))
    finally:
        ctx.close()


def test_the_failure_line_names_the_network_project_when_that_is_what_is_missing(
        sandbox, db_url, caplog) -> None:
    config = load_config(REPO / "config")
    seed_config(sandbox, config)
    for project in sandbox.state.projects.values():
        if project["name"] == config.network.project.name:
            project["name"] = "Something else"
    settings = load_settings(env_file=None, **{
        k.lower(): v for k, v in sandbox_env(sandbox, db_url).items()})
    planner.load_features()
    ctx = build_context(settings, now=RECRUITMENT, config=config, client_options=FAST_RETRIES)
    try:
        caplog.set_level(logging.INFO)
        assert planner.run(ctx) >= 1
        lines = [r.getMessage() for r in _errors(caplog)]
        assert lines and all("Fix: config/network.yaml, project" in t for t in lines), lines
        assert "Traceback" not in caplog.text
    finally:
        ctx.close()
