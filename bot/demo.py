"""`loti-bot demo`: the bot against an in-process Basecamp sandbox, stepping through time.

It seeds the network project and people from config/network.yaml, points the bot at a temporary
SQLite database, then runs a tick at each step (the sandbox's clock moves with it). Between
ticks a couple of members reply to the bot's newest posts, so the next tick has replies to read.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from bot.config import Config, load_config
from bot.jobs.context import build_context
from bot.sandbox import Sandbox
from bot.settings import Settings, load_settings
from bot.worker import run_once

log = logging.getLogger("bot.demo")
LONDON = ZoneInfo("Europe/London")
USER_AGENT = "LOTI Network Bot demo (https://loti.london)"

# Made-up members at real member boroughs (the champions in network.yaml are added too).
MEMBERS = [
    ("Aisha Khan", "aisha.khan@camden.gov.uk", "Head of Digital"),
    ("Bethany Clarke", "bethany.clarke@hackney.gov.uk", "Product Manager"),
    ("Chiara Rossi", "chiara.rossi@islington.gov.uk", "Data Lead"),
    ("Deborah Osei", "deborah.osei@lambeth.gov.uk", "Service Designer"),
    ("Ellen Murphy", "ellen.murphy@southwark.gov.uk", "Delivery Manager"),
]
REPLIES = [
    "<div>Count me in, please! Looking forward to it.</div>",
    "<div>Sorry, I can't make this one — hope to see you at the next.</div>",
]
# London times the demo steps through: announcement, replies, a nudge, the reminder, the day.
STEPS = [
    datetime(2026, 12, 22, 9, 30, tzinfo=LONDON),
    datetime(2026, 12, 23, 9, 30, tzinfo=LONDON),
    datetime(2027, 1, 5, 9, 30, tzinfo=LONDON),
    datetime(2027, 1, 11, 9, 30, tzinfo=LONDON),
    datetime(2027, 1, 12, 14, 0, tzinfo=LONDON),
]


@dataclass
class Seeded:
    """What the demo put into the sandbox."""

    project_id: int
    board_id: int
    member_ids: list[int]


def seed(sandbox: Sandbox, config: Config) -> Seeded:
    """Create the network project and its people from the config."""
    people = [(s.name, s.email, "LOTI", s.role) for s in config.network.staff]
    for org in config.network.organisations:
        if org.champion:
            name = org.champion.split("@")[0].replace(".", " ").title()
            people.append((name, org.champion, org.name, "Network champion"))
    for name, email, title in MEMBERS:
        org = config.network.organisation_for(email)
        people.append((name, email, org.name if org else None, title))
    ids = [sandbox.add_person(n, e, company=c, title=t)["id"] for n, e, c, t in people]
    project = sandbox.add_project(config.network.project.name, people=ids)
    board = next(d["id"] for d in project["dock"] if d["name"] == "message_board")
    members = ids[-len(MEMBERS):]
    return Seeded(project["id"], board, members)


def demo_settings(sandbox: Sandbox, database_url: str, **overrides: object) -> Settings:
    """Settings that point the bot at the sandbox (whatever the environment says)."""
    values: dict[str, object] = {
        "basecamp_account_id": sandbox.account_id,
        "basecamp_access_token": sandbox.token,
        "basecamp_refresh_token": sandbox.refresh_token,
        "basecamp_client_id": sandbox.client_id,
        "basecamp_client_secret": sandbox.client_secret,
        "basecamp_user_agent": USER_AGENT,
        "basecamp_api_url": sandbox.api_url,
        "basecamp_launchpad_url": sandbox.launchpad_url,
        "database_url": database_url,
    }
    values.update(overrides)
    return load_settings(env_file=None, **values)


def reply_to_new_posts(sandbox: Sandbox, ctx, seeded: Seeded, seen: set[int]) -> None:
    """Members answer each bot message they have not answered yet."""
    for message in ctx.client.messages(seeded.board_id):
        if message.id in seen or message.creator.id != ctx.me.id:
            continue
        seen.add(message.id)
        for person_id, html in zip(seeded.member_ids, REPLIES, strict=False):
            sandbox.post_comment(person_id, message.id, html)
            click.echo(f"    (a member replied to “{message.subject}”)")


def run_demo(steps: int = len(STEPS), config_dir: str | Path = "config",
             templates_dir: str | Path = "templates") -> None:
    """Run the scenario, printing what the bot does at each step."""
    config = load_config(config_dir)
    with tempfile.TemporaryDirectory(prefix="loti-demo-") as tmp:
        sandbox = Sandbox(start_time=STEPS[0]).start()
        try:
            seeded = seed(sandbox, config)
            settings = demo_settings(
                sandbox, f"sqlite:///{tmp}/demo.sqlite3",
                loti_config_dir=Path(config_dir), loti_templates_dir=Path(templates_dir),
            )
            click.echo(f"Sandbox Basecamp at {sandbox.api_url} · project "
                       f"“{config.network.project.name}” with {len(seeded.member_ids)} members")
            answered: set[int] = set()
            for when in STEPS[:steps]:
                sandbox.clock.set(when)
                click.echo(f"\n— {when:%A %-d %B %Y, %H:%M} —")
                before = len(sandbox.request_log)
                ctx = build_context(settings, now=when)
                try:
                    run_once(ctx)
                    writes = [r for r in sandbox.request_log[before:]
                              if r.method != "GET" and "/launchpad" not in r.path]
                    click.echo(f"    {len(writes)} change(s) made in Basecamp")
                    reply_to_new_posts(sandbox, ctx, seeded, answered)
                finally:
                    ctx.close()
        finally:
            sandbox.stop()
    click.echo("\nDemo finished.")
