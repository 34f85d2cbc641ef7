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
from datetime import date
from pathlib import Path
from typing import Any

import click
from sqlalchemy import literal_column, select

from bot.basecamp.richtext import html_to_text
from bot.config import Config, load_config
from bot.core.replies import classify
from bot.demo_script import DEMO_CAPACITY, MEMBERS, STEPS, Step
from bot.demo_transcript import write_transcript
from bot.jobs.context import JobContext, build_context
from bot.logs import FORMAT, REDACTOR
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
MENTION = re.compile(r'<bc-attachment[^>]*sgid="([^"]+)"[^>]*>(?:.*?</bc-attachment>)?', re.S)
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


REPLY_ID = re.compile(r"(?:^|:)(?:ack|comment):(?:comment:)?0*(\d+)")
PROMOTED = re.compile(r":promoted:person:(\d+):")


def replied_to(row: Any) -> int | None:
    """The member's reply an acknowledgement answers (from the outbox key), if any."""
    found = REPLY_ID.search(row.key)
    return int(found.group(1)) if found else None


def _who(sandbox: Sandbox, comment_id: int | None) -> str:
    state = sandbox.state
    creator = state.recordings.get(comment_id or 0, {}).get("creator_id")
    return state.people.get(creator, {}).get("name", "someone")


def full_text(sandbox: Sandbox, html: str) -> list[str]:
    """A post's whole text as lines (mentions as @Name), for introductions shown in full."""
    text = html_to_text(_named_mentions(sandbox, html), drop_quotes=False)
    return [line.strip() for line in text.splitlines() if line.strip()]


def describe(sandbox: Sandbox, row: Any) -> str:
    """One plain line (or a few, for an introduction) for a write the bot made."""
    state, link = sandbox.state, f" {row.app_url or row.url}" if (row.app_url or row.url) else ""
    rec = state.recordings.get(row.basecamp_id or row.target_id or 0, {})
    if row.kind == "message":
        return f"posted “{rec.get('subject', '?')}”{link}"
    if row.kind == "comment":
        parent = state.recordings.get(rec.get("parent_id"), {})
        title = parent.get("subject") or parent.get("title", "?")
        snippet = f"“{_snippet(sandbox, rec.get('content', ''))}”"
        if ":intro:" in row.key:
            lines = full_text(sandbox, rec.get("content", ""))
            return "posted an introduction on “{}”:{}\n{}".format(
                title, link, "\n".join(f"      │ {line}" for line in lines))
        promoted = PROMOTED.search(row.key)
        if promoted:
            who = state.people.get(int(promoted.group(1)), {}).get("name", "someone")
            return f"told {who} a place has come up, on “{title}”: {snippet}{link}"
        reply = replied_to(row)
        if reply is not None:
            return f"answered {_who(sandbox, reply)}'s reply on “{title}”: {snippet}{link}"
        return f"commented on “{title}”: {snippet}{link}"
    if row.kind == "boost":
        boost = state.boosts.get(row.basecamp_id, {})
        return f"boosted {_who(sandbox, row.target_id)}'s reply: {boost.get('content', '?')}"
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
        who = _who(sandbox, replied_to(row))
        return f"took back the out-of-date acknowledgement on {who}'s reply"
    if row.kind == "question":
        return f"set up the check-in “{rec.get('title', '?')}”"
    if row.kind == "campfire_line":
        return f"said in Campfire: “{_snippet(sandbox, rec.get('content', ''))}”"
    return f"{row.kind.replace('_', ' ')}"


def narrate(sandbox: Sandbox, before: dict[str, Any], after: dict[str, Any]) -> int:
    """Print each write made this step; return how many."""
    changed = [r for k, r in after.items() if r.status == "done" and (
        k not in before or before[k].updated_at != r.updated_at or before[k].status != "done")]
    for row in changed:
        click.echo(f"  ✔ {describe(sandbox, row)}")
    return len(changed)


@dataclass
class MemberReply:
    """A reply a member made in the story (to say later how the bot took it)."""

    comment_id: int
    name: str
    html: str


def members_reply(sandbox: Sandbox, ctx: JobContext, seeded: Seeded,
                  step: Step) -> list[MemberReply]:
    """Members reply, in their own words, to the bot post the step names."""
    if not step.replies or step.thread is None:
        return []
    rec = ctx.outbox.done(step.thread)
    if rec is None or rec.id is None:
        click.echo("  (nobody could reply: the bot had not posted that yet)")
        return []
    made = []
    for first, text in step.replies:
        person = seeded.by_first_name[first]
        html = f"<div>{_escape(text)}</div>"
        comment = sandbox.post_comment(person["id"], rec.id, html)
        click.echo(f"  💬 {person['name']}: “{text}”")
        made.append(MemberReply(comment["id"], person["name"], html))
    return made


def set_aside(replies: list[MemberReply], rows: dict[str, Any]) -> list[str]:
    """Lines for replies the bot read but did not acknowledge, and why (e.g. out of office)."""
    answered = {replied_to(r) for r in rows.values()} - {None}
    lines = []
    for reply in replies:
        if reply.comment_id in answered:
            continue
        reading = classify(reply.html)
        if reading.out_of_office:
            lines.append(f"set aside {reply.name}'s out-of-office reply: no place changed, "
                         "no acknowledgement needed")
        else:
            lines.append(f"read {reply.name}'s reply as “{reading.intent}”: nothing to do")
    return lines


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


class _Problems(logging.Filter):
    """Counts warnings and errors, so the story can say whether the log needs a look."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        self.count += record.levelno >= logging.WARNING
        return True


@contextmanager
def logs_to_file(path: Path, problems: _Problems | None = None) -> Iterator[None]:
    """The bot's log lines go to `path` (same format and redaction), not into the story."""
    root = logging.getLogger()
    moved = [h for h in root.handlers if getattr(h, "_loti", False)]
    handler = logging.FileHandler(path, encoding="utf-8")
    if problems is not None:
        handler.addFilter(problems)
    handler.setFormatter(logging.Formatter(FORMAT, datefmt="%Y-%m-%d %H:%M:%S"))
    handler.addFilter(REDACTOR)
    level = root.level
    for h in moved:
        root.removeHandler(h)
    root.addHandler(handler)
    root.setLevel(min(level, logging.INFO) if level else logging.INFO)
    try:
        yield
    finally:
        root.removeHandler(handler)
        handler.close()
        for h in moved:
            root.addHandler(h)
        root.setLevel(level)


def _signups(ctx: JobContext) -> list[tuple[str, list[Any]]]:
    """Every sign-up thread's title and rows (for the chart page)."""
    from bot.jobs.signups import signup_rows
    from bot.store import signups_repo

    with ctx.store.transaction() as conn:
        threads = signups_repo.threads(conn)
    return [(_thread_title(t.title, t.key), signup_rows(ctx, t.key)) for t in threads]


def _thread_title(title: str, key: str) -> str:
    """'Lunch and learn, Tuesday 12 January 2027' for an event's thread (key ends in its date)."""
    found = re.search(r":(\d{4}-\d{2}-\d{2})$", key)
    if not found:
        return title
    return f"{title}, {date.fromisoformat(found.group(1)):%A %-d %B %Y}"


# ---- the run -----------------------------------------------------------------------------------


def run_demo(steps: int | None = None, config_dir: str | Path = REPO / "config",
             templates_dir: str | Path = REPO / "templates",
             state_file: str | Path | None = None,
             out_dir: str | Path | None = None) -> Summary:
    """Run the story (the first `steps` steps, or all), printing what the bot does.

    The bot's log, the HTML transcript and the sign-ups chart go to `out_dir` (a new
    temporary folder by default), named at the end.
    """
    chosen = STEPS if steps is None else STEPS[:steps]
    out = Path(out_dir) if out_dir else Path(tempfile.mkdtemp(prefix="loti-demo-"))
    out.mkdir(parents=True, exist_ok=True)
    log_file = out / "demo.log"
    problems = _Problems()
    with tempfile.TemporaryDirectory(prefix="loti-demo-") as tmp, \
            logs_to_file(log_file, problems):
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
            click.echo(f"A practice Basecamp (the sandbox) at {sandbox.api_url}, with the "
                       f"project “{config.network.project.name}” and {len(seeded.member_ids)} "
                       f"members (for the demo, Lunch and learn has only {DEMO_CAPACITY} places)")
            rows: dict[str, Any] = {}
            waiting: list[MemberReply] = []
            for step in chosen:
                sandbox.clock.set(step.when)
                click.echo(f"\n— {step.when:%A %-d %B %Y, %H:%M} — {step.title}")
                ctx = build_context(settings, now=step.when)
                try:
                    run_once(ctx)
                    after = outbox_rows(ctx)
                    said = narrate(sandbox, rows, after)
                    for line in set_aside(waiting, after):
                        click.echo(f"  ⤳ {line}")
                        said += 1
                    if not said:
                        click.echo("  (nothing for the bot to do)")
                    rows = after
                    waiting = members_reply(sandbox, ctx, seeded, step)
                finally:
                    ctx.close()
            summary = summarise(sandbox, rows)
            ctx = build_context(settings, now=chosen[-1].when)
            try:
                signups = _signups(ctx)
            finally:
                ctx.close()
            transcript, chart = write_transcript(
                sandbox, signups, out, config.network.name,
                {o.key: o.name for o in config.network.organisations})
        finally:
            sandbox.stop()
    click.echo(
        f"\nThe bot made {summary.messages} messages, {summary.comments} comments, "
        f"{summary.boosts} boosts and {summary.other} other items "
        f"(schedule entries, check-ins) in {summary.requests} requests to Basecamp.\n"
        f"Nothing was posted twice: {summary.duplicates} items recorded twice, {summary.strays} "
        f"made without a record."
    )
    click.echo(f"What members saw, thread by thread: {transcript}")
    click.echo(f"Sign-ups by organisation (chart): {chart}")
    click.echo(f"The bot's own log of every step: {log_file}"
               + (f" ({problems.count} warnings or errors: worth a look)" if problems.count
                  else " (no warnings or errors)"))
    click.echo(f"Sandbox state saved to {state_file}" if state_file
               else "Sandbox state not kept (use --state-file PATH to keep it).")
    if steps is None:  # the whole story: then the programme's scenes (bot/demo_programme.py)
        from bot.demo_programme import run_programme_scenes

        with logs_to_file(out / "programme.log", problems):
            run_programme_scenes(templates_dir)
        click.echo(f"The programme scenes' log: {out / 'programme.log'}")
    click.echo("Demo finished.")
    return summary
