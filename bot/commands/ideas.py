"""`loti-bot ideas`: members' ideas with their votes and state, as CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass
from typing import Any

import click

COLUMNS = ("round", "number", "title", "votes", "state", "proposer", "proposed_at",
           "taken_up_at")


@dataclass
class _Ctx:
    """The slice of a JobContext the list needs (no Basecamp connection)."""

    store: Any
    me: Any = None


def export_ideas(rows: list[Any], fmt: str) -> str:
    """Idea rows as CSV or JSON text."""
    records = [{
        "round": r.round_key.removeprefix("ideas:"), "number": r.number, "title": r.title,
        "votes": r.votes, "state": r.state.replace("_", " "), "proposer": r.proposer,
        "proposed_at": r.created_at.isoformat(),
        "taken_up_at": r.taken_up_at.isoformat() if r.taken_up_at else "",
    } for r in rows]
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        # A member's words: a cell starting with = + - @ must not run as a spreadsheet formula.
        writer.writerow({k: "'" + v if isinstance(v, str) and v[:1] in "=+-@" else v
                         for k, v in record.items()})
    return out.getvalue()


@click.command("ideas")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True)
@click.option("--round", "round_", metavar="DATE", help="Only the call of this date (YYYY-MM-DD).")
def ideas_command(fmt: str, round_: str | None) -> None:
    """List members' ideas with their votes and state (boosts as of the last digest)."""
    from bot.cli import _settings
    from bot.jobs.ideas import idea_rows
    from bot.store.db import opened_store

    with opened_store(_settings().database_url) as store:
        rows = idea_rows(_Ctx(store), f"ideas:{round_}" if round_ else None)
    sys.stdout.write(export_ideas(rows, fmt))
