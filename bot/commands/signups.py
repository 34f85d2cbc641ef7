"""`loti-bot signups EVENT`: the sign-up list as CSV or JSON, and staff adds and removals."""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import click

COLUMNS = (
    "name", "email", "organisation", "status", "waitlist_position", "replied_at", "link",
    "funded_by",
)


@dataclass
class _Ctx:
    """The slice of a JobContext the sign-up list needs (no Basecamp connection)."""

    config: Any
    store: Any
    now: datetime


def export_rows(rows: list[Any], fmt: str) -> str:
    """Sign-up rows as CSV or JSON text (unknown organisations are flagged for staff)."""
    records = []
    for r in rows:
        org = r.organisation or "unknown"
        if r.organisation and not r.org_known:
            org = f"{r.organisation} (not a member organisation)"
        records.append(
            {
                "name": r.name,
                "email": r.email or "",
                "organisation": org,
                "status": r.status,
                "waitlist_position": r.waitlist_position if r.waitlist_position is not None else "",
                "replied_at": r.replied_at.isoformat() if r.replied_at else "",
                "link": r.link or "",
                "funded_by": getattr(r, "funded_by", None) or "",
            }
        )
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        # Guard spreadsheet users: a cell starting with = + - @ is not run as a formula.
        writer.writerow({k: _safe_cell(v) for k, v in record.items()})
    return out.getvalue()


def _safe_cell(value: Any) -> Any:
    # Guard spreadsheet users: a cell starting with = + - @ is not run as a formula.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


@click.command("signups")
@click.argument("event")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@click.option("--add", "add", metavar="EMAIL", multiple=True, help="Give this person a place.")
@click.option(
    "--remove",
    "remove",
    metavar="EMAIL",
    multiple=True,
    help="Take this person off the list (their place goes to the waitlist).",
)
def signups_command(event: str, fmt: str, add: tuple[str, ...], remove: tuple[str, ...]) -> None:
    """List who has signed up for EVENT (its key, e.g. event:lunch-learn:2026-12-08)."""
    from bot.cli import EXIT_USAGE, _fail, _settings
    from bot.config import ConfigError, load_config
    from bot.jobs.signups import add_staff_change, signup_rows
    from bot.store.db import Store, make_engine, migrate

    settings = _settings()
    try:
        config = load_config(settings.loti_config_dir)
    except ConfigError as err:
        _fail(f"config error: {err}", EXIT_USAGE)
    for email in (*add, *remove):
        if "@" not in email or " " in email.strip():
            _fail(f"signups: {email!r} is not an email address", EXIT_USAGE)
    engine = make_engine(settings.database_url)
    migrate(engine)
    store = Store(engine)
    ctx = _Ctx(config=config, store=store, now=datetime.now(UTC))
    try:
        # Removals first, so a place they free goes to the waitlist before staff fill it.
        for email in remove:
            add_staff_change(ctx, event, email, "remove")
            click.echo(f"signups: {email} removed from {event}", err=True)
        for email in add:
            add_staff_change(ctx, event, email, "add")
            click.echo(f"signups: {email} added to {event}", err=True)
        rows = signup_rows(ctx, event)
    except LookupError as err:
        _fail(f"signups: {err.args[0]}")
    finally:
        store.close()
        engine.dispose()
    sys.stdout.write(export_rows(rows, fmt))
