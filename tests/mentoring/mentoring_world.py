"""A rehearsal harness for mentoring rounds: a sandbox network, config files, fresh cycles."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from mentoring_helpers import REPO

from bot.config import Config, load_config
from bot.settings import Settings, load_settings

USER_AGENT = "LOTI Network Bot tests (https://loti.london; network-bot@loti.london)"
NETWORK = "Women's Digital Leaders Network"
STAFF_PROJECT = "LOTI staff"
ORGS = {"camden": "Camden", "hackney": "Hackney", "brent": "Brent", "enfield": "Enfield",
        "sutton": "Sutton"}  # fmt: skip
NETWORK_YAML = f"""\
name: {NETWORK}
project:
  name: {NETWORK}
staff:
  - name: Amara Okafor
    email: amara.okafor@loti.london
    role: Network lead
  - name: Priya Raman
    email: priya.raman@loti.london
    role: Mentoring coordinator
organisations:
""" + "".join(f"  - key: {k}\n    name: {v}\n    domains: [{k}.gov.uk]\n" for k, v in ORGS.items())


def round_yaml(key: str = "test-round", **fields: Any) -> str:
    """config/mentoring.yaml: the shipped round's vocabulary with these dates and options."""
    shipped = (REPO / "config" / "mentoring.yaml").read_text()
    _, _, tail = shipped.partition("    topics: &topics")
    lines = ["mentoring:", f"  - key: {key}", f"    title: Mentoring round {key}"]
    lines += [f"    {k}: {v}" for k, v in fields.items()]
    return "\n".join(lines) + "\n    topics: &topics" + tail


class World:
    """The network and staff projects in a sandbox, a config directory and a database."""

    def __init__(self, sandbox: Any, db_url: str, tmp_path: Path):
        self.sb = sandbox
        sandbox.rate_limit(requests=10_000, per_seconds=10)
        self.db_url = db_url
        self.config_dir = tmp_path / "config"
        self.config_dir.mkdir()
        (self.config_dir / "network.yaml").write_text(NETWORK_YAML)
        self.project = sandbox.add_project(NETWORK)
        self.staff_project = sandbox.add_project(STAFF_PROJECT)
        self.amara = sandbox.add_person("Amara Okafor", "amara.okafor@loti.london", "LOTI")
        self.priya = sandbox.add_person("Priya Raman", "priya.raman@loti.london", "LOTI")
        sandbox.grant(self.staff_project["id"], [self.amara["id"], self.priya["id"]])

    def member(self, name: str, org: str, title: str | None = None) -> dict:
        """A member of the network project."""
        email = f"{name.split()[0].lower()}.{name.split()[-1].lower()}@{org}.gov.uk"
        person = self.sb.add_person(name, email, ORGS[org], title)
        self.sb.grant(self.project["id"], [person["id"]])
        return person

    def write_round(self, key: str = "test-round", **fields: Any) -> None:
        (self.config_dir / "mentoring.yaml").write_text(round_yaml(key, **fields))
        self._config = None

    def env(self) -> dict[str, str]:
        sb = self.sb
        return {
            "BASECAMP_ACCOUNT_ID": str(sb.account_id), "BASECAMP_ACCESS_TOKEN": sb.token,
            "BASECAMP_REFRESH_TOKEN": sb.refresh_token, "BASECAMP_CLIENT_ID": sb.client_id,
            "BASECAMP_CLIENT_SECRET": sb.client_secret, "BASECAMP_USER_AGENT": USER_AGENT,
            "BASECAMP_API_URL": sb.api_url, "BASECAMP_LAUNCHPAD_URL": sb.launchpad_url,
            "DATABASE_URL": self.db_url, "LOTI_CONFIG_DIR": str(self.config_dir),
            "LOTI_TEMPLATES_DIR": str(REPO / "templates"), "LOTI_TIMEZONE": "Europe/London",
        }  # fmt: skip

    def settings(self) -> Settings:
        return load_settings(env_file=None, **{k.lower(): v for k, v in self.env().items()})

    def config(self) -> Config:
        if getattr(self, "_config", None) is None:  # parsing the YAML is the slow part
            self._config = load_config(self.config_dir)
        return self._config

    def cycle(self, now: datetime) -> int:
        """A fresh process's planner pass and poll (a restart every time); failed planners."""
        from bot.jobs import planner, poll
        from bot.jobs.context import build_context

        self.sb.clock.set(now)
        ctx = build_context(self.settings(), now=now, config=self.config(),
                            client_options={"backoff_base": 0.001, "backoff_max": 0.01})
        try:
            planner.load_features()
            poll.load_handlers()
            failures = planner.run(ctx)
            poll.poll(ctx)
        finally:
            ctx.close()
        return failures

    def cli(self, *args: str, input: str | None = None) -> Any:
        """`loti-bot ARGS` as staff would run it."""
        from bot.cli import cli

        clean = {k: None for k in os.environ if k.startswith(("BASECAMP_", "LOTI_", "DATABASE_"))}
        return CliRunner().invoke(cli, ["--env-file", "/nonexistent", *args], input=input,
                                  env={**clean, **self.env()}, catch_exceptions=False)

    def messages(self, project: dict) -> list[dict]:
        return sorted(self.sb.recordings("Message", bucket_id=project["id"]),
                      key=lambda m: m["id"])  # fmt: skip

    def comments_on(self, recording_id: int) -> list[dict]:
        return sorted(self.sb.recordings("Comment", parent_id=recording_id),
                      key=lambda c: c["id"])  # fmt: skip

    def bot_boosts(self) -> list[dict]:
        me = self.sb.bot_person["id"]
        with self.sb.lock:
            return [dict(b) for b in self.sb.state.boosts.values() if b["booster_id"] == me]
