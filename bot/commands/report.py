"""`loti-bot report --html FILE`: the staff digest as a web page, for people outside Basecamp."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("report")
@click.option("--html", "html_file", required=True, type=click.Path(dir_okay=False),
              help="Write the digest to this file as a self-contained web page.")
def report_command(html_file: str) -> None:
    """Write this month's staff digest (members, seniority, events, cohorts, mentoring, ideas)."""
    from bot.cli import _settings
    from bot.jobs import planner
    from bot.jobs.context import build_context
    from bot.jobs.digest import html_page

    ctx = build_context(_settings())
    try:
        planner.load_features()
        page = html_page(ctx)
    finally:
        ctx.close()
    Path(html_file).write_text(page, encoding="utf-8")
    click.echo(f"report: written to {html_file}", err=True)
