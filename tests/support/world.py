"""The shared test harness: a sandbox network, a config directory, a database, and the bot.

`SandboxWorld` is the plumbing every feature's rehearsal needs (settings pointing at the
sandbox, config loading, `cycle(now)` as a fresh process would run it, `cli(...)` as staff
would); each feature's world adds its own people, projects and look-ups.
Import as `from tests.support.world import ...` (the repo root is on sys.path).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from bot.config import Config, load_config
from bot.settings import Settings, load_settings
from tests.support.skipped_time import SkippedTime

REPO = Path(__file__).resolve().parents[2]
USER_AGENT = "LOTI Network Bot tests (https://loti.london; network-bot@loti.london)"
NETWORK = "Women's Digital Leaders Network"
FAST_RETRIES = {"backoff_base": 0.001, "backoff_max": 0.01}


def sandbox_env(sandbox: Any, database_url: str, **extra: str) -> dict[str, str]:
    """Environment variables that point the bot at this sandbox and database."""
    env = {
        "BASECAMP_ACCOUNT_ID": str(sandbox.account_id),
        "BASECAMP_ACCESS_TOKEN": sandbox.token,
        "BASECAMP_REFRESH_TOKEN": sandbox.refresh_token,
        "BASECAMP_CLIENT_ID": sandbox.client_id,
        "BASECAMP_CLIENT_SECRET": sandbox.client_secret,
        "BASECAMP_USER_AGENT": USER_AGENT,
        "BASECAMP_API_URL": sandbox.api_url,
        "BASECAMP_LAUNCHPAD_URL": sandbox.launchpad_url,
        "DATABASE_URL": database_url,
        "LOTI_CONFIG_DIR": str(REPO / "config"),
        "LOTI_TEMPLATES_DIR": str(REPO / "templates"),
        "LOTI_POLL_SECONDS": "1",
        "LOTI_TIMEZONE": "Europe/London",
    }
    env.update(extra)
    return env


class SandboxWorld:
    """A sandbox, a config directory holding network.yaml, and a database URL."""

    project: dict  # the network project: each feature's world adds it

    def __init__(self, sandbox: Any, db_url: str, tmp_path: Path, network_yaml: str):
        self.sb = sandbox
        # Each cycle builds a fresh client (and pacer), as `tick` does: lift the sandbox's
        # rate limit so a rehearsal of weeks in seconds is not slowed by Retry-After waits.
        sandbox.rate_limit(requests=10_000, per_seconds=10)
        self.db_url = db_url
        # Its clients' waits (a project construction's poll, a backoff) skip ahead instead.
        self.waits = SkippedTime()
        self.client_options = FAST_RETRIES | {"clock": self.waits.now,
                                              "sleep": self.waits.sleep}
        self.config_dir = tmp_path / "config"
        self.config_dir.mkdir()
        self.write("network.yaml", network_yaml)
        self._config: tuple[Any, Config] | None = None

    def write(self, name: str, text: str) -> None:
        """Write a config file staff would edit."""
        (self.config_dir / name).write_text(text)

    def config(self) -> Config:
        """The config directory, loaded again only when a file in it has changed."""
        # Parsing the YAML is the slow part of a cycle; a long rehearsal runs hundreds.
        stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                      for p in sorted(self.config_dir.iterdir()))
        if self._config is None or self._config[0] != stamp:
            self._config = (stamp, load_config(self.config_dir))
        return self._config[1]

    def env(self) -> dict[str, str]:
        return sandbox_env(self.sb, self.db_url, LOTI_CONFIG_DIR=str(self.config_dir))

    def settings(self) -> Settings:
        return load_settings(env_file=None, **{k.lower(): v for k, v in self.env().items()})

    def cycle(self, now: datetime) -> int:
        """A fresh process's planner pass and poll (a restart every time); failed planners."""
        from bot.jobs import planner, poll
        from bot.jobs.context import build_context

        self.sb.clock.set(now)
        ctx = build_context(self.settings(), now=now, config=self.config(),
                            client_options=self.client_options)
        try:
            planner.load_features()
            poll.load_handlers()
            failures = planner.run(ctx)
            poll.poll(ctx)
        finally:
            ctx.close()
        return failures

    def cli(self, *args: str, input: str | None = None) -> Any:
        """`loti-bot ARGS` as staff would run it (none of this process's own env leaks in)."""
        from bot.cli import cli

        clean = {k: None for k in os.environ if k.startswith(("BASECAMP_", "LOTI_", "DATABASE_"))}
        return CliRunner().invoke(cli, ["--env-file", "/nonexistent", *args], input=input,
                                  env={**clean, **self.env()}, catch_exceptions=False)

    def tick(self, now: datetime, *args: str) -> Any:
        """`loti-bot tick --now NOW` exactly as staff would run it (sandbox clock set too)."""
        self.sb.clock.set(now)
        return self.cli("tick", "--now", now.isoformat(), *args)

    def client(self) -> Any:
        """A client of the sandbox, as the bot (fast retries)."""
        from bot.basecamp.client import BasecampClient

        sb = self.sb
        return BasecampClient(sb.account_id, sb.token, USER_AGENT, api_url=sb.api_url,
                              launchpad_url=sb.launchpad_url, **self.client_options)

    def messages(self, project: dict | int | None = None) -> list[dict]:
        """Messages in a project (a project dict or id; the network project by default)."""
        pid = project["id"] if isinstance(project, dict) else project or self.project["id"]
        return sorted(self.sb.recordings("Message", bucket_id=pid), key=lambda m: m["id"])

    def comments_on(self, recording_id: int) -> list[dict]:
        return sorted(self.sb.recordings("Comment", parent_id=recording_id),
                      key=lambda c: c["id"])

    @staticmethod
    def tool(project: dict, name: str) -> int:
        """The id of a project's dock tool (message_board, schedule, ...)."""
        return next(t["id"] for t in project["dock"] if t["name"] == name)
