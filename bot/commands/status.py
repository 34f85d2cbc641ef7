"""`loti-bot status`: what the bot will post next, what is open, and anything failing.

Read-only, from the config and the database (no Basecamp requests), so staff can run it any
time, even while the worker runs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import click

HORIZON = timedelta(days=30)  # how far ahead "upcoming" looks
STUCK = timedelta(minutes=15)  # a write still pending after this long needs a look


@dataclass
class StatusContext:
    """What the status sections read (the same slice of a JobContext the asking part needs)."""

    config: Any
    store: Any
    now: datetime
    tz: Any


def when(dt: datetime, tz: Any) -> str:
    """'Tue 22 Dec 09:00' on the network's clock."""
    local = dt.astimezone(tz)
    return f"{local:%a} {local.day} {local:%b %H:%M}"


def upcoming(ctx: StatusContext) -> list[tuple[datetime, str, str]]:
    """(due, kind, key) of each post not yet made, due within the horizon (or overdue)."""
    from bot.jobs.cohorts import cohort_plan
    from bot.jobs.events import event_plan
    from bot.store import events_tables as t

    today = ctx.now.astimezone(ctx.tz).date()
    planned = []
    for series in ctx.config.events:
        ahead = max(series.leads.announce_days,
                    series.unconference.call_days if series.unconference else 0)
        for occ in series.occurrences(today - timedelta(days=1),
                                      today + timedelta(days=ahead + HORIZON.days), ctx.tz):
            planned += event_plan(occ)
    for cohort in ctx.config.cohorts:
        planned += cohort_plan(cohort, ctx.tz)
    with ctx.store.transaction() as conn:
        done = t.finished_keys(conn, [p.key for p in planned])
    rows = [(p.due_at, p.kind, p.key) for p in planned
            if p.key not in done and p.due_at <= ctx.now + HORIZON
            and (p.expires_at is None or p.expires_at > ctx.now)]
    return sorted(rows)


def open_threads(ctx: StatusContext) -> list[str]:
    """'KEY  12 of 40 places taken · 3 on the waitlist' for each sign-up thread still open."""
    from sqlalchemy import select

    from bot.jobs.posting import initial_places_line
    from bot.store import signups_repo as repo
    from bot.store.threads_tables import watched_threads

    with ctx.store.transaction() as conn:
        threads = repo.threads(conn)
        closed = {r.recording_id for r in conn.execute(
            select(watched_threads.c.recording_id).where(watched_threads.c.closed.is_(True)))}
    lines = []
    for thread in threads:
        if thread.recording_id in closed:
            continue
        capacity = json.loads(thread.rules).get("capacity", 0)
        lines.append(f"{thread.key}  {thread.line or initial_places_line(capacity)}")
    return lines


def awaiting(ctx: StatusContext) -> list[str]:
    """Replies waiting for a member's answer (the asking part lists them, once it is there)."""
    try:
        from bot.jobs.asking import awaiting_answers  # type: ignore[import-not-found]
    except ImportError:
        return []
    return [_question(item, ctx.tz) for item in awaiting_answers(ctx)]


def _question(item: Any, tz: Any) -> str:
    """'Ada Okafor on event:…: asked Tue 5 Jan 10:12 <link>' (any other item as its text)."""
    name, key, asked = (getattr(item, a, None) for a in ("name", "thread_key", "asked_at"))
    if not (name and key and asked):
        return str(item)
    link = getattr(item, "link", None)
    return f"{name} on {key}: asked {when(asked, tz)}" + (f"  {link}" if link else "")


def mentoring(ctx: StatusContext) -> list[str]:
    """Each configured round: its stage and what happens next."""
    from bot.store import mentoring_tables as t

    lines = []
    for rnd in ctx.config.mentoring:
        with ctx.store.transaction() as conn:
            row = t.round_row(conn, rnd.key)
            people = t.people(conn, rnd.key) if row else []
            pairs = t.pairs(conn, rnd.key) if row else []
        if row is None:
            lines.append(f"{rnd.key}: not started; call on {when(rnd.call_at, ctx.tz)}")
            continue
        roles = [p.get("role") for p in people]
        mentors = sum(r in ("mentor", "both") for r in roles)
        mentees = sum(r in ("mentee", "both") for r in roles)
        by_status: dict[str, int] = {}
        for p in pairs:
            by_status[p["status"]] = by_status.get(p["status"], 0) + 1
        counted = ", ".join(f"{n} {s}" for s, n in sorted(by_status.items())) or "no pairs yet"
        following = {"called": f"matching on {when(rnd.match_at, ctx.tz)}",
                     "matched": "waiting for staff approval",
                     "approved": f"introductions on {when(rnd.introduce_at, ctx.tz)}",
                     "introduced": f"follow-up on {when(rnd.follow_up_at, ctx.tz)}"}
        nxt = following.get(row.stage, "finished")
        lines.append(f"{rnd.key}: {row.stage}; {mentors} offering to mentor, {mentees} asking "
                     f"for a mentor; pairs: {counted}; next: {nxt}")
    return lines


def cycles(ctx: StatusContext) -> list[str]:
    from bot.store.status_tables import last_cycles

    found = last_cycles(ctx.store)
    lines = []
    for name, label in (("poll", "poll"), ("planner", "planner pass")):
        c = found.get(name)
        if c is None:
            lines.append(f"no {label} yet")
        else:
            lines.append(f"{label}: {when(c.finished_at, ctx.tz)}, {c.requests} Basecamp "
                         f"request{'s' if c.requests != 1 else ''}")
    return lines


def failing(ctx: StatusContext) -> list[str]:
    """Writes that failed or are stuck, replies that could not be read, planners that failed."""
    from sqlalchemy import select

    from bot.store.outbox_tables import outbox
    from bot.store.status_tables import last_cycles
    from bot.store.threads_tables import reply_failures

    lines = []
    with ctx.store.transaction() as conn:
        for r in conn.execute(select(outbox).where(outbox.c.status == "failed")
                              .order_by(outbox.c.updated_at)):
            lines.append(f"write failed: {r.key} ({r.error or 'no reason recorded'}); "
                         f"since {when(r.updated_at, ctx.tz)}")
        for r in conn.execute(select(outbox).where(outbox.c.status == "pending",
                                                   outbox.c.updated_at < ctx.now - STUCK)):
            lines.append(f"write pending since {when(r.updated_at, ctx.tz)}: {r.key} "
                         f"({r.attempts} attempts; the bot looks for it in Basecamp "
                         "before trying again)")
        for r in conn.execute(select(reply_failures).order_by(reply_failures.c.updated_at)):
            lines.append(f"reply {r.comment_id} could not be read ({r.attempts} attempts, "
                         f"{r.error or 'no reason recorded'})")
    planner = last_cycles(ctx.store).get("planner")
    if planner is not None and planner.failures:
        n = planner.failures
        lines.append(f"{n} planner{' failed' if n == 1 else 's failed'} in the last pass "
                     f"({when(planner.finished_at, ctx.tz)}); the worker's log names "
                     "the config entry")
    return lines


def _section(title: str, lines: list[str], empty: str = "none") -> str:
    body = "\n".join(f"  {line}" for line in lines) if lines else f"  {empty}"
    return f"{title}\n{body}"


@click.command("status")
@click.option("--now", "now_text", metavar="ISO-8601", help="As if it were this time.")
def status_command(now_text: str | None) -> None:
    """What the bot will post next, open sign-ups, mentoring, the last poll, anything failing."""
    from bot.cli import EXIT_USAGE, _fail, _settings, parse_now
    from bot.config import ConfigError, load_config
    from bot.store.db import opened_store

    settings = _settings()
    try:
        config = load_config(settings.loti_config_dir)
    except ConfigError as err:
        _fail(f"config error: {err}", EXIT_USAGE)
    now = parse_now(now_text, settings.tz) or datetime.now(UTC)
    with opened_store(settings.database_url) as store:
        ctx = StatusContext(config, store, now.astimezone(UTC), settings.tz)
        coming = upcoming(ctx)
        width = max((len(kind) for _, kind, _ in coming), default=0)  # kinds line up
        posts = [f"{when(due, ctx.tz):<16}  {kind:<{width}} {key}"
                 + ("  (due already: not posted yet)" if due <= now else "")
                 for due, kind, key in coming]
        sections = [
            _section(f"Upcoming posts (next {HORIZON.days} days)", posts),
            _section("Open sign-up threads", open_threads(ctx)),
            _section("Replies waiting for an answer", awaiting(ctx)),
            _section("Mentoring", mentoring(ctx), "no rounds in mentoring.yaml"),
            _section("Last poll", cycles(ctx)),
            _section("Failing", failing(ctx), "nothing"),
        ]
    click.echo(f"Status at {when(now, settings.tz)}\n")
    click.echo("\n\n".join(sections))
