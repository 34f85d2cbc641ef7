"""`loti-bot signups EVENT`: the sign-up list as CSV or JSON, and staff adds and removals."""

from __future__ import annotations

import csv
import io
import json
import re
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


# Stricter than "has an @": staff paste addresses from emails and spreadsheets.
_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def valid_email(text: str) -> str | None:
    """The address, lower-cased, or None when it is not one plain email address."""
    email = text.strip()
    return email.lower() if _EMAIL.match(email) else None


def describe_person(config: Any, email: str, people: dict[str, str] | None) -> str:
    """'Helen Adeyemi is a Basecamp person; organisation: London Borough of Camden'."""
    org = config.network.organisation_for(email)
    org_text = (f"organisation: {org.name}" if org else
                "not at a member organisation (no domain in network.yaml matches)")
    if people is None:
        who = f"{email} (could not check Basecamp)"
    elif email in people:
        who = f"{people[email]} <{email}> is a Basecamp person"
    else:
        who = (f"{email} is not a Basecamp person yet (they can be given a place, but the bot "
               "cannot mention them until they join Basecamp)")
    return f"{who}; {org_text}"


def _basecamp_people(settings: Any) -> dict[str, str] | None:
    """email -> name of everyone in the account, or None when Basecamp cannot be read."""
    from bot.basecamp.errors import BasecampError
    from bot.cli import _plain_client

    try:
        return {(p.email_address or "").lower(): p.name for p in _plain_client(settings).people()}
    except BasecampError:
        return None


def _known_keys(store: Any) -> list[str]:
    from bot.store import signups_repo as repo

    with store.transaction() as conn:
        return sorted(t.key for t in repo.threads(conn))


def _mark_attended(ctx: Any, event: str, email: str, rows: list[Any]) -> None:
    from bot.jobs.attendance import mark

    name = next((r.name for r in rows if r.email == email), "") or email
    if mark(ctx.store, event, email, name, ctx.now):
        click.echo(f"signups: {email} marked as having come to {event}", err=True)
    else:
        click.echo(f"signups: {email} was already marked as having come to {event}", err=True)


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
@click.option("--attended", "attended", metavar="EMAIL", multiple=True,
              help="Record that this person came (as if they had boosted the thank-you).")
def signups_command(event: str, fmt: str, add: tuple[str, ...], remove: tuple[str, ...],
                    attended: tuple[str, ...] = ()) -> None:
    """List who has signed up for EVENT: the key of its sign-up thread, e.g.
    event:lunch-and-learn:2027-01-12 (an event on that date) or cohort:spring-2027:recruitment
    (a cohort's recruitment). A wrong key lists the keys there are."""
    from bot.cli import EXIT_USAGE, _fail, _settings
    from bot.config import ConfigError, load_config
    from bot.jobs.signups import add_staff_change, signup_rows
    from bot.store.db import opened_store

    settings = _settings()
    try:
        config = load_config(settings.loti_config_dir)
    except ConfigError as err:
        _fail(f"config error: {err}", EXIT_USAGE)
    checked = []
    for email in (*add, *remove, *attended):
        valid = valid_email(email)
        if valid is None:
            _fail(f"signups: {email!r} is not an email address (one address, like "
                  "jo.bloggs@camden.gov.uk); nothing was changed", EXIT_USAGE)
        checked.append(valid)
    n = len(add) + len(remove)
    add, remove, attended = (tuple(checked[:len(add)]), tuple(checked[len(add):n]),
                             tuple(checked[n:]))
    with opened_store(settings.database_url) as store:
        ctx = _Ctx(config=config, store=store, now=datetime.now(UTC))
        try:
            keys = _known_keys(store)
            if event not in keys:
                listed = "\n  ".join(keys) if keys else "(none yet: a thread opens when its " \
                    "announcement is posted)"
                _fail(f"signups: no sign-up thread {event!r}. The keys are:\n  {listed}")
            before = {r.email: r.status for r in signup_rows(ctx, event)}
            for email in remove:
                if before.get(email) not in ("confirmed", "waitlisted"):
                    _fail(f"signups: {email} is not signed up for {event}; nothing was changed")
            people = _basecamp_people(settings) if add else None
            # Removals first, so a place they free goes to the waitlist before staff fill it.
            for email in remove:
                add_staff_change(ctx, event, email, "remove")
                click.echo(f"signups: {email} removed from {event}", err=True)
            for email in add:
                click.echo(f"signups: {describe_person(config, email, people)}", err=True)
                add_staff_change(ctx, event, email, "add")
                click.echo(f"signups: {email} added to {event}", err=True)
            rows = signup_rows(ctx, event)
            for email in attended:
                _mark_attended(ctx, event, email, rows)
        except LookupError as err:
            _fail(f"signups: {err.args[0]}")
    sys.stdout.write(export_rows(rows, fmt))
