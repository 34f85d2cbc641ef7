"""A rehearsal harness for the posting jobs: a sandbox network, config files and `tick --now`."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from bot.config import Config, load_config
from bot.settings import Settings, load_settings

REPO = Path(__file__).resolve().parents[2]
USER_AGENT = "LOTI Network Bot tests (https://loti.london; network-bot@loti.london)"
NETWORK = "Women's Digital Leaders Network"
NETWORK_YAML = f"""\
name: {NETWORK}
project:
  name: {NETWORK}
staff:
  - name: Amara Okafor
    email: amara.okafor@loti.london
    role: Network lead
organisations:
  - key: camden
    name: Camden
    domains: [camden.gov.uk]
    champion: chioma@camden.gov.uk
  - key: hackney
    name: Hackney
    domains: [hackney.gov.uk]
  - key: brent
    name: Brent
    domains: [brent.gov.uk]
"""

# A six-week cohort built from a template, with a fixed participant list.
COHORT_YAML = """\
cohorts:
  - key: spring-2027
    name: Confident Digital Leaders, spring 2027
    course_start: 2027-03-01
    template: Confidence course cohort
    participants_from: list
    participants:
      - {name: Chioma Eze, email: chioma@camden.gov.uk}
      - {name: Hannah Reid, email: hannah@hackney.gov.uk}
      - {name: Nia Brown, email: nia@brent.gov.uk, title: Product manager, organisation: Brent}
    facilitators:
      - {name: Helen Adeyemi, email: helen@adeyemi.co.uk, organisation: Adeyemi Coaching}
    staff: [amara.okafor@loti.london]
    reflection:
      link: https://teams.example.org/reflect
    check_in:
      weekday: friday
      time_of_day: "16:00"
"""


class World:
    """The network project in a sandbox, a config directory and a database."""

    def __init__(self, sandbox: Any, db_url: str, tmp_path: Path):
        self.sb = sandbox
        # Each cycle builds a fresh client (and pacer), as `tick` does: lift the sandbox's
        # rate limit so a rehearsal of weeks in seconds is not slowed by Retry-After waits.
        sandbox.rate_limit(requests=10_000, per_seconds=10)
        self.db_url = db_url
        self.config_dir = tmp_path / "config"
        self.config_dir.mkdir()
        self.write("network.yaml", NETWORK_YAML)
        self.project = sandbox.add_project(NETWORK)
        self.amara = sandbox.add_person("Amara Okafor", "amara.okafor@loti.london", "LOTI")
        self.people: dict[str, dict] = {}
        for name, email in [("Chioma Eze", "chioma@camden.gov.uk"),
                            ("Hannah Reid", "hannah@hackney.gov.uk"),
                            ("Bea Patel", "bea@brent.gov.uk"),
                            ("Dee Jones", "dee@camden.gov.uk")]:
            self.people[name.split()[0].lower()] = sandbox.add_person(name, email)
        sandbox.grant(self.project["id"], [self.amara["id"], *(p["id"] for p in
                                                                self.people.values())])
        self.board_id = self.tool(self.project, "message_board")
        self.schedule_id = self.tool(self.project, "schedule")

    @staticmethod
    def tool(project: dict, name: str) -> int:
        return next(t["id"] for t in project["dock"] if t["name"] == name)

    def write(self, name: str, text: str) -> None:
        (self.config_dir / name).write_text(text)

    def config(self) -> Config:
        return load_config(self.config_dir)

    def env(self) -> dict[str, str]:
        sb = self.sb
        return {
            "BASECAMP_ACCOUNT_ID": str(sb.account_id), "BASECAMP_ACCESS_TOKEN": sb.token,
            "BASECAMP_REFRESH_TOKEN": sb.refresh_token, "BASECAMP_CLIENT_ID": sb.client_id,
            "BASECAMP_CLIENT_SECRET": sb.client_secret, "BASECAMP_USER_AGENT": USER_AGENT,
            "BASECAMP_API_URL": sb.api_url, "BASECAMP_LAUNCHPAD_URL": sb.launchpad_url,
            "DATABASE_URL": self.db_url, "LOTI_CONFIG_DIR": str(self.config_dir),
            "LOTI_TEMPLATES_DIR": str(REPO / "templates"), "LOTI_TIMEZONE": "Europe/London",
        }

    def settings(self) -> Settings:
        return load_settings(env_file=None, **{k.lower(): v for k, v in self.env().items()})

    def tick(self, now: datetime, *args: str) -> Any:
        """`loti-bot tick --now NOW` exactly as staff would run it (sandbox clock set too)."""
        from bot.cli import cli

        self.sb.clock.set(now)
        clean = {k: None for k in os.environ if k.startswith(("BASECAMP_", "LOTI_"))}
        result = CliRunner().invoke(
            cli, ["--env-file", "/nonexistent", "tick", "--now", now.isoformat(), *args],
            env={**clean, **self.env()}, catch_exceptions=False,
        )
        return result

    def cycle(self, now: datetime) -> int:
        """One planner pass and one poll in-process; returns the number of failed planners."""
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

    def client(self) -> Any:
        from bot.basecamp.client import BasecampClient

        sb = self.sb
        return BasecampClient(sb.account_id, sb.token, USER_AGENT, api_url=sb.api_url,
                              launchpad_url=sb.launchpad_url, backoff_base=0.001,
                              backoff_max=0.01)

    def client_projects(self) -> list[dict]:
        return [p.model_dump() for p in self.client().projects()]

    def project_people(self, project_id: int) -> list[dict]:
        return [p.model_dump() for p in self.client().project_people(project_id)]

    def messages(self, project_id: int | None = None) -> list[dict]:
        pid = project_id or self.project["id"]
        return sorted(self.sb.recordings("Message", bucket_id=pid), key=lambda m: m["id"])

    def subjects(self, project_id: int | None = None) -> list[str]:
        return [m["subject"] for m in self.messages(project_id)]

    def comments_on(self, recording_id: int) -> list[dict]:
        return sorted(self.sb.recordings("Comment", parent_id=recording_id),
                      key=lambda c: c["id"])

    def entries(self, project_id: int | None = None) -> list[dict]:
        pid = project_id or self.project["id"]
        return sorted(self.sb.recordings("Schedule::Entry", bucket_id=pid),
                      key=lambda e: e["id"])
