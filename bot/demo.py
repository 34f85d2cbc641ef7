"""`loti-bot demo`: the bot's whole story against an in-process Basecamp sandbox.

It seeds the network (staff, champions and a few members) from config/network.yaml, copies
config/ to a temporary directory with a small Lunch and learn (3 places, so the waitlist shows),
then steps through time (bot.demo_script.STEPS): at each step the sandbox clock is set, the bot
runs one tick (planner, then poll) and members reply to the bot's newest post. Each step prints
what the bot did, with Basecamp links; a summary at the end checks nothing was posted twice.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from sqlalchemy import literal_column, select

from bot.basecamp.richtext import html_to_text
from bot.config import Config, load_config
from bot.demo_script import DEMO_CAPACITY, MEMBERS, STEPS, Step
from bot.jobs.context import JobContext, build_context
from bot.logs import REDACTOR
from bot.sandbox import Sandbox
from bot.settings import Settings, load_settings
from bot.store.outbox_tables import outbox
from bot.worker import run_once

log = logging.getLogger("bot.demo")
REPO = Path(__file__).resolve().parents[1]  # the shipped config/ and templates/ live here
USER_AGENT = "LOTI Network Bot demo (https://loti.london)"
STAFF_PROJECTS = ("LOTI staff", "LOTI staff room")  # mentoring approval, cohort coverage
CREATES = {"message", "comment", "boost", "schedule_entry", "project", "campfire_line",
           "question"}  # fmt: skip
MENTION = re.compile(r'<bc-attachment[^>]*sgid="([^"]+)"[^>]*>(?:</bc-attachment>)?')
ITEM_TYPES = ("Message", "Comment", "Schedule::Entry", "Question", "Chat::Lines::Text",
              "Chat::Lines::RichText")


@dataclass
class Seeded:
    """What the demo put into the sandbox."""

    project_id: int
    board_id: int
    member_ids: list[int]
    by_first_name: dict[str, dict]


def seed(sandbox: Sandbox, config: Config) -> Seeded:
    """Create the network project, staff projects, the cohort template and people."""
    staff = [(s.name, s.email, "LOTI", s.role) for s in config.network.staff]
    people = list(staff)
    for org in config.network.organisations:
        if org.champion:
            name = org.champion.split("@")[0].replace(".", " ").title()
            people.append((name, org.champion, org.name, "Network champion"))
    for name, email, title in MEMBERS:
        org = config.network.organisation_for(email)
        people.append((name, email, org.name if org else None, title))
    added = [sandbox.add_person(n, e, company=c, title=t) for n, e, c, t in people]
    ids = [p["id"] for p in added]
    project = sandbox.add_project(config.network.project.name, people=ids)
    for name in STAFF_PROJECTS:
        sandbox.add_project(name, people=ids[:len(staff)])
    for cohort in config.cohorts:
        if cohort.template:
            sandbox.add_template(cohort.template)
    board = next(d["id"] for d in project["dock"] if d["name"] == "message_board")
    first = {p["name"].split()[0]: p for p in added}
    return Seeded(project["id"], board, ids[-len(MEMBERS):], first)


def demo_config_dir(config_dir: Path, into: Path) -> Path:
    """A copy of config/ whose Lunch and learn has DEMO_CAPACITY places."""
    target = into / "config"
    shutil.copytree(config_dir, target)
    events = target / "events.yaml"
    text = events.read_text(encoding="utf-8")
    start = text.find("key: lunch-and-learn")
    match = re.compile(r"capacity: *\d+").search(text, start) if start >= 0 else None
    if match is None:
        raise click.ClickException(f"{events}: no lunch-and-learn series with a capacity")
    events.write_text(text[:match.start()] + f"capacity: {DEMO_CAPACITY}" + text[match.end():],
                      encoding="utf-8")
    return target


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


# ---- narration ---------------------------------------------------------------------------------


def outbox_rows(ctx: JobContext) -> dict[str, Any]:
    """Every outbox row by key, in the order the bot planned them (the demo runs on SQLite)."""
    with ctx.store.transaction() as conn:
        rows = conn.execute(select(outbox).order_by(literal_column("rowid")))
        return {r.key: r for r in rows}


def _named_mentions(sandbox: Sandbox, html: str) -> str:
    """Mentions as @Name, so narration shows who was mentioned."""
    names = {sandbox.views.person(pid)["attachable_sgid"]: p["name"]
             for pid, p in sandbox.state.people.items()}
    return MENTION.sub(lambda m: f"@{names.get(m.group(1), 'someone')}", html)


def _snippet(sandbox: Sandbox, html: str, limit: int = 100) -> str:
    text = " ".join(html_to_text(_named_mentions(sandbox, html)).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def describe(sandbox: Sandbox, row: Any) -> str:
    """One plain line for a write the bot made."""
    state, link = sandbox.state, f" {row.app_url or row.url}" if (row.app_url or row.url) else ""
    rec = state.recordings.get(row.basecamp_id or row.target_id or 0, {})
    if row.kind == "message":
        return f"posted “{rec.get('subject', '?')}”{link}"
    if row.kind == "comment":
        parent = state.recordings.get(rec.get("parent_id"), {})
        return (f"commented on “{parent.get('subject') or parent.get('title', '?')}”: "
                f"“{_snippet(sandbox, rec.get('content', ''))}”{link}")
    if row.kind == "boost":
        boost = state.boosts.get(row.basecamp_id, {})
        target = state.recordings.get(row.target_id, {})
        who = state.people.get(target.get("creator_id"), {}).get("name", "someone")
        return f"boosted {who}'s reply: {boost.get('content', '?')}"
    if row.kind == "message_edit":
        line = re.search(r"\d+ of \d+ places taken[^.\n]*", html_to_text(rec.get("content", "")))
        what = f": {line.group(0).strip()}" if line else ""
        return f"updated “{rec.get('subject', '?')}”{what}"
    if row.kind in ("schedule_entry", "schedule_entry_edit"):
        verb = "added" if row.kind == "schedule_entry" else "updated"
        count = len(rec.get("participant_ids") or [])
        return f"{verb} “{rec.get('summary', '?')}” in the Schedule ({count} taking part){link}"
    if row.kind == "project":
        return f"created the project “{state.projects.get(row.basecamp_id, {}).get('name')}”"
    if row.kind == "access":
        people = len(state.projects.get(row.target_id, {}).get("people", []))
        return f"gave people access: the project now has {people} people (bot included)"
    if row.kind == "boost_delete":
        return "took back an out-of-date acknowledgement"
    if row.kind == "question":
        return f"set up the check-in “{rec.get('title', '?')}”"
    if row.kind == "campfire_line":
        return f"said in Campfire: “{_snippet(sandbox, rec.get('content', ''))}”"
    return f"{row.kind.replace('_', ' ')} ({row.key})"


def narrate(sandbox: Sandbox, before: dict[str, Any], after: dict[str, Any]) -> int:
    """Print each write made this step; return how many."""
    changed = [r for k, r in after.items() if r.status == "done" and (
        k not in before or before[k].updated_at != r.updated_at or before[k].status != "done")]
    for row in changed:
        click.echo(f"  ✔ {describe(sandbox, row)}")
    return len(changed)


def members_reply(sandbox: Sandbox, ctx: JobContext, seeded: Seeded, step: Step) -> None:
    """Members reply, in their own words, to the bot post the step names."""
    if not step.replies or step.thread is None:
        return
    rec = ctx.outbox.done(step.thread)
    if rec is None or rec.id is None:
        click.echo(f"  (nobody could reply: {step.thread} was not posted)")
        return
    for first, text in step.replies:
        person = seeded.by_first_name[first]
        sandbox.post_comment(person["id"], rec.id, f"<div>{_escape(text)}</div>")
        click.echo(f"  💬 {person['name']}: “{text}”")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---- the summary -------------------------------------------------------------------------------


@dataclass
class Summary:
    """What the bot made in the sandbox, checked against its outbox."""

    messages: int
    comments: int
    boosts: int
    other: int
    requests: int
    duplicates: int  # Basecamp items claimed by more than one outbox key
    strays: int  # items the bot made that no outbox key owns (a double post would show here)


def summarise(sandbox: Sandbox, rows: dict[str, Any]) -> Summary:
    """Count the bot's items and check each belongs to exactly one outbox key."""
    state, me = sandbox.state, sandbox.state.bot_person_id
    mine = {rid: r["type"] for rid, r in state.recordings.items()
            if r["creator_id"] == me and r["type"] in ITEM_TYPES}
    boosts = {bid for bid, b in state.boosts.items() if b["booster_id"] == me}
    owners = Counter(r.basecamp_id for r in rows.values()
                     if r.kind in CREATES and r.status == "done")
    items = set(mine) | boosts
    types = Counter(mine.values())
    return Summary(
        messages=types["Message"], comments=types["Comment"], boosts=len(boosts),
        other=len(mine) - types["Message"] - types["Comment"],
        requests=len(sandbox.request_log),
        duplicates=sum(1 for i in items if owners[i] > 1),
        strays=sum(1 for i in items if owners[i] == 0),
    )


@contextmanager
def demo_log_format() -> Iterator[None]:
    """Show the bot's log lines indented under each step (the CLI's handler, same redaction)."""
    handlers = [h for h in logging.getLogger().handlers if getattr(h, "_loti", False)]
    saved = [h.formatter for h in handlers]
    for h in handlers:
        h.setFormatter(logging.Formatter("      log %(name)s: %(message)s"))
    try:
        yield
    finally:
        for h, f in zip(handlers, saved, strict=True):
            h.setFormatter(f)


# ---- the run -----------------------------------------------------------------------------------


def run_demo(steps: int | None = None, config_dir: str | Path = REPO / "config",
             templates_dir: str | Path = REPO / "templates",
             state_file: str | Path | None = None) -> Summary:
    """Run the story (the first `steps` steps, or all), printing what the bot does."""
    chosen = STEPS if steps is None else STEPS[:steps]
    with tempfile.TemporaryDirectory(prefix="loti-demo-") as tmp, demo_log_format():
        config_path = demo_config_dir(Path(config_dir), Path(tmp))
        config = load_config(config_path)
        sandbox = Sandbox(state_file=state_file, start_time=STEPS[0].when).start()
        sandbox.rate_limit(requests=10_000, per_seconds=10)  # the story, not the pacing
        for secret in (sandbox.token, sandbox.refresh_token, sandbox.client_secret):
            REDACTOR.add(secret)
        try:
            seeded = seed(sandbox, config)
            settings = demo_settings(
                sandbox, f"sqlite:///{tmp}/demo.sqlite3",
                loti_config_dir=config_path, loti_templates_dir=Path(templates_dir),
            )
            click.echo(f"Sandbox Basecamp at {sandbox.api_url} · project "
                       f"“{config.network.project.name}” with {len(seeded.member_ids)} members "
                       f"(demo config: Lunch and learn limited to {DEMO_CAPACITY} places)")
            rows: dict[str, Any] = {}
            for step in chosen:
                sandbox.clock.set(step.when)
                click.echo(f"\n— {step.when:%A %-d %B %Y, %H:%M} — {step.title}")
                ctx = build_context(settings, now=step.when)
                try:
                    run_once(ctx)
                    after = outbox_rows(ctx)
                    if not narrate(sandbox, rows, after):
                        click.echo("  (nothing due)")
                    rows = after
                    members_reply(sandbox, ctx, seeded, step)
                finally:
                    ctx.close()
            summary = summarise(sandbox, rows)
        finally:
            sandbox.stop()
    click.echo(
        f"\nThe bot made {summary.messages} messages, {summary.comments} comments, "
        f"{summary.boosts} boosts and {summary.other} other items "
        f"(schedule entries, check-ins) in {summary.requests} requests.\n"
        f"Each item exists once: {summary.duplicates} claimed twice, {summary.strays} "
        f"without an outbox key."
    )
    click.echo(f"Sandbox state saved to {state_file}" if state_file
               else "Sandbox state not kept (use --state-file PATH to keep it).")
    if steps is None:  # the whole story: then the programme's scenes (bot/demo_programme.py)
        from bot.demo_programme import run_programme_scenes

        with demo_log_format():
            run_programme_scenes(templates_dir)
    click.echo("Demo finished.")
    return summary
