"""A rehearsal of the shipped config: a sandbox seeded from it, and `loti-bot` as staff run it."""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from click.testing import CliRunner

from bot.config import load_config
from bot.sandbox.seed_config import ConfigSeed, seed_config
from tests.support.world import REPO, sandbox_env

LONDON = ZoneInfo("Europe/London")


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


class ConfigWorld:
    """The shipped config/ and templates/ against a sandbox seeded from that config."""

    def __init__(self, sandbox: Any, db_url: str):
        self.sb = sandbox
        self.db_url = db_url
        self.config = load_config(REPO / "config")
        self.seeded: ConfigSeed = seed_config(sandbox, self.config)
        sandbox.rate_limit(requests=10_000, per_seconds=10)  # weeks in seconds

    def env(self) -> dict[str, str]:
        return sandbox_env(self.sb, self.db_url)

    def tick(self, now: datetime, *args: str) -> Any:
        """`loti-bot tick --now NOW [ARGS]` as staff would run it (the sandbox clock set too)."""
        from bot.cli import cli

        self.sb.clock.set(now)
        clean = {k: None for k in os.environ if k.startswith(("BASECAMP_", "LOTI_", "DATABASE_"))}
        result = CliRunner().invoke(cli, ["--env-file", "/nonexistent", "tick", "--now",
                                          now.isoformat(), *args], env={**clean, **self.env()})
        assert "Traceback" not in result.output, result.output
        return result

    def messages(self, project_id: int) -> list[dict]:
        return sorted(self.sb.recordings("Message", bucket_id=project_id),
                      key=lambda m: m["id"])

    def network(self) -> list[dict]:
        return self.messages(self.seeded.network_project)

    def staff_room(self, name: str = "LOTI staff room") -> list[dict]:
        return self.messages(self.seeded.staff_projects[name])
