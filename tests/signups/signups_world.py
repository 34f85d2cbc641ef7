"""A sandbox world for sign-up tests: a network project, members, an announcement, cycles."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.basecamp.client import BasecampClient
from bot.config import load_config
from bot.config.signups import SignupRules
from bot.jobs import poll
from bot.jobs.context import JobContext
from bot.jobs.signups import PLACES_MARKER, open_signup_thread, refresh_signup_threads
from bot.outbox import Outbox
from bot.render import Renderer
from bot.threads import ThreadReader

REPO = Path(__file__).resolve().parents[2]
START = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
USER_AGENT = "LOTI Network Bot tests (https://loti.london; network-bot@loti.london)"
NETWORK_YAML = """\
name: Women's Digital Leaders Network
project:
  name: Women's Digital Leaders Network
staff:
  - name: Nadia Rossi
    email: nadia.rossi@loti.london
    role: Programme coordinator
organisations:
  - key: camden
    name: Camden
    domains: [camden.gov.uk]
  - key: hackney
    name: Hackney
    domains: [hackney.gov.uk]
  - key: brent
    name: Brent
    domains: [brent.gov.uk]
"""
ANNOUNCEMENT = (
    "<div>Lunch &amp; learn: Negotiating pay — Thu 16 May, 1–2pm, online.</div>"
    f"<div>{PLACES_MARKER}</div><div>Reply below if you'd like a place.</div>"
)
SUBJECT = "Lunch & learn: Negotiating pay — Thu 16 May, 1–2pm, online"


class SignupWorld:
    """The bot, one network project and helpers to reply and run poll cycles."""

    def __init__(self, sandbox: Any, store: Any, tmp_path: Path, pacer: Any = None,
                 skipped_time: Any = None):
        self.sb = sandbox
        self.store = store
        sandbox.clock.set(START)
        config_dir = tmp_path / "config"
        config_dir.mkdir()
        (config_dir / "network.yaml").write_text(NETWORK_YAML)
        self.config = load_config(config_dir)
        self.project = sandbox.add_project("Women's Digital Leaders Network")
        self.nadia = sandbox.add_person("Nadia Rossi", "nadia.rossi@loti.london", company="LOTI")
        self.members: list[dict] = []
        sandbox.grant(self.project["id"], [self.nadia["id"]])
        self.pacer = pacer
        self.skipped_time = skipped_time  # the clients' waits skip ahead (tests/conftest.py)
        self._wire(store)

    def _wire(self, store: Any) -> None:
        """A client, outbox, reader and context of their own (a fresh worker) on `store`."""
        sandbox = self.sb
        options: dict[str, Any] = {"pacer": self.pacer} if self.pacer is not None else {}
        if self.skipped_time is not None:
            options |= {"clock": self.skipped_time.now, "sleep": self.skipped_time.sleep}
        self.client = BasecampClient(
            sandbox.account_id,
            sandbox.token,
            USER_AGENT,
            api_url=sandbox.api_url,
            launchpad_url=sandbox.launchpad_url,
            backoff_base=0.001,
            backoff_max=0.01,
            **options,
        )
        me = self.client.my_profile()
        clock = sandbox.clock.now
        self.ctx = JobContext(
            settings=None,
            config=self.config,
            store=store,
            client=self.client,
            outbox=Outbox(store, self.client, me, clock),
            reader=ThreadReader(store, self.client, me.id, clock=clock),
            renderer=Renderer(REPO / "templates", ZoneInfo("Europe/London")),
            now=clock(),
            tz=ZoneInfo("Europe/London"),
            me=me,
            log=logging.getLogger("tests.signups"),
            dry_run=False,
        )
        self.me = me

    def restart(self, db_url: str) -> None:
        """Drop every in-memory part and carry on as a new worker on the same database."""
        from bot.store.db import Store, make_engine

        self.store = Store(make_engine(db_url))
        self._wire(self.store)

    def tool(self, name: str) -> int:
        return next(t["id"] for t in self.project["dock"] if t["name"] == name)

    def member(self, name: str, email: str, company: str | None = None) -> dict:
        person = self.sb.add_person(name, email, company=company)
        self.sb.grant(self.project["id"], [person["id"]])
        self.members.append(person)
        return person

    def announce(self, key: str = "event:ll:2026-05-16", **rules: Any) -> int:
        """Post an announcement with a schedule entry and open its sign-up thread."""
        rules = SignupRules(**({"capacity": 3} | rules))
        first = ANNOUNCEMENT.replace(PLACES_MARKER, f"0 of {rules.capacity} places taken")
        message = self.ctx.outbox.create_message(
            f"{key}:announcement", self.tool("message_board"), SUBJECT, first
        )
        entry = self.ctx.outbox.create_schedule_entry(
            f"{key}:schedule",
            self.tool("schedule"),
            "Lunch & learn",
            datetime(2026, 5, 16, 12, 0, tzinfo=UTC),
            datetime(2026, 5, 16, 13, 0, tzinfo=UTC),
        )
        open_signup_thread(
            self.ctx,
            key,
            message,
            self.project["id"],
            rules,
            SUBJECT,
            ANNOUNCEMENT,
            entry.id,
            "Lunch & learn: Negotiating pay",
        )
        self.key, self.message_id, self.entry_id = key, message.id, entry.id
        return message.id

    def reply(self, person: dict, html: str) -> dict:
        self.sb.clock.advance(timedelta(seconds=30))
        return self.sb.post_comment(person["id"], self.message_id, f"<div>{html}</div>")

    def cycle(
        self, advance: timedelta = timedelta(minutes=1), plan: bool = True
    ) -> poll.PollResult:
        """One worker cycle: a poll, then the sign-up planner step (deadlines, staff changes)."""
        self.sb.clock.advance(advance)
        self.ctx = self.ctx.at(self.sb.clock.now())
        result = poll.poll(self.ctx)
        if plan:
            refresh_signup_threads(self.ctx)
        return result

    def bot_boosts(self, comment_id: int) -> list[str]:
        """The bot's boosts on a reply (what the member sees)."""
        with self.sb.lock:
            return [
                b["content"]
                for b in self.sb.state.boosts.values()
                if b["recording_id"] == comment_id and b["booster_id"] == self.me.id
            ]

    def bot_comments(self) -> list[str]:
        comments = self.sb.recordings("Comment", parent_id=self.message_id)
        return [
            c["content"]
            for c in sorted(comments, key=lambda c: c["id"])
            if c["creator"]["id"] == self.me.id
        ]

    def announcement_html(self) -> str:
        return self.sb.get(self.message_id)["content"]

    def participants(self) -> list[int]:
        return sorted(p["id"] for p in self.sb.get(self.entry_id)["participants"])
