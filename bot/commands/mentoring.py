"""`loti-bot mentoring ...`: read replies as the round would, see matches, dry-run, report."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

PAIR_FIELDS = ("mentor", "mentor_org", "mentor_level", "mentee", "mentee_org", "mentee_level",
               "shared_topics", "score", "status", "met", "reasons")  # fmt: skip


def _pick_round(config: Any, key: str | None) -> Any:
    rounds = list(config.mentoring)
    if not rounds:
        raise click.UsageError("config has no mentoring rounds (config/mentoring.yaml)")
    if key is None:
        return max(rounds, key=lambda r: r.call_at)
    found = next((r for r in rounds if r.key == key), None)
    if found is None:
        known = ", ".join(r.key for r in rounds)
        raise click.BadParameter(f"no round {key!r} (known: {known})", param_hint="--round")
    return found


def _load_config(config_dir: str) -> Any:
    from bot.config import ConfigError, load_config

    try:
        return load_config(config_dir)
    except ConfigError as err:
        click.echo(f"config error: {err}", err=True)
        sys.exit(2)


@click.group("mentoring")
@click.pass_context
def mentoring_group(ctx: click.Context) -> None:
    """Mentoring rounds: read replies, see proposed pairs, report on a round."""
    from bot.logs import setup_logging

    # These commands print data (JSON, CSV): keep the log lines off standard output.
    root = ctx.find_root().obj or {}
    setup_logging(bool(root.get("verbose")), stream=sys.stderr)


@mentoring_group.command("read")
@click.argument("reply", required=False, metavar="[TEXT]")
@click.option("--json", "source", type=click.File("r", encoding="utf-8"), default=None,
              metavar="FILE", help="JSON Lines to read; '-' for standard input.")
@click.option("--round", "round_key", help="Round whose topics to use (default: the latest).")
@click.option("--config-dir", envvar="LOTI_CONFIG_DIR", default="config", show_default=True)
def read_command(reply: str | None, source: Any, round_key: str | None, config_dir: str) -> None:
    """Read a reply as the round would record it: TEXT (or HTML; '-' for standard input),
    like `classify`, or many with --json.

    With --json, each input line is {"html": "..."} (one reply) or {"replies": ["...", ...]}
    (one person's replies in order, edits applied). Each output line has role, topics and
    capacity (plus offers, wants, seniority and preferences). A bad line gets {"error": ...}
    and the rest go on.
    """
    if source is None and reply is None:
        raise click.UsageError("give the reply TEXT (or HTML, or '-' to read it from standard "
                               "input), or --json FILE for JSON Lines")
    rnd = _pick_round(_load_config(config_dir), round_key)
    vocab = rnd.vocabulary()
    if source is None:
        _read_one(sys.stdin.read() if reply == "-" else str(reply), rnd, vocab)
        return
    bad = 0
    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        try:
            htmls = _replies_of(json.loads(line))
        except (ValueError, TypeError) as err:
            bad += 1
            click.echo(json.dumps({"line": number, "error": str(err)}))
            click.echo(f"line {number}: {err}", err=True)
            continue
        from bot.core.mentoring import read_replies  # the reader loads when a reply is read

        reading = read_replies(htmls, vocab).as_dict()
        reading["capacity"] = min(int(reading["capacity"]), rnd.max_capacity)  # as the round does
        click.echo(json.dumps(reading, ensure_ascii=False))
    if bad:
        sys.exit(1)


def _read_one(text: str, rnd: Any, vocab: Any) -> None:
    """One reply, in words: what the round would record for this person."""
    from bot.commands.classify import as_html
    from bot.core.mentoring import read_replies

    reading = read_replies([as_html(text)], vocab).as_dict()
    capacity = min(int(reading["capacity"]), rnd.max_capacity)
    click.echo(f"role: {reading['role']}")
    click.echo(f"  topics: {', '.join(reading['topics']) or 'none recognised'}")
    if reading["role"] in ("mentor", "both"):
        click.echo(f"  capacity: {capacity}")
    for name in ("offers", "wants", "preferences"):
        if reading.get(name):
            click.echo(f"  {name}: {', '.join(reading[name])}")
    if reading.get("seniority"):
        click.echo(f"  seniority: {reading['seniority']}")


def _replies_of(item: Any) -> list[str]:
    if not isinstance(item, dict):
        raise ValueError('expected an object with "html" or "replies"')
    if isinstance(item.get("html"), str):
        return [item["html"]]
    replies = item.get("replies")
    if isinstance(replies, list) and all(isinstance(r, str) for r in replies):
        return replies
    raise ValueError('expected "html": "<text>" or "replies": ["<text>", ...]')


@contextmanager
def _store_and_config() -> Iterator[tuple[Any, Any]]:
    from bot.cli import _settings
    from bot.settings import Settings
    from bot.store.db import opened_store

    settings: Settings = _settings()
    config = _load_config(str(settings.loti_config_dir))
    with opened_store(settings.database_url) as store:
        yield store, config


def _pair_records(pairs: list[dict]) -> list[dict[str, Any]]:
    return [{
        "mentor": p["mentor"]["name"], "mentor_org": p["mentor"].get("org"),
        "mentor_level": p["mentor"].get("level"), "mentee": p["mentee"]["name"],
        "mentee_org": p["mentee"].get("org"), "mentee_level": p["mentee"].get("level"),
        "shared_topics": list(p["shared_topics"]), "score": round(float(p["score"]), 2),
        "status": p.get("status", "proposed"), "met": p.get("met"), "reasons": list(p["reasons"]),
    } for p in pairs]  # fmt: skip


def _emit(records: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
    out = csv.DictWriter(sys.stdout, fieldnames=PAIR_FIELDS, lineterminator="\n")
    out.writeheader()
    for r in records:
        out.writerow({**r, "shared_topics": "; ".join(r["shared_topics"]),
                      "reasons": "; ".join(r["reasons"])})  # fmt: skip


def proposed_now(store: Any, rnd: Any) -> list[dict]:
    """Pairs the matcher would propose from the store as it stands (nothing saved)."""
    from bot.jobs.mentoring import compute_matches

    result, rows = compute_matches(store, rnd)

    def who(pid: int) -> dict[str, Any]:
        r = rows[pid]
        return {"name": r["name"], "org": r["org"], "level": r["level"]}

    return [{"mentor": who(p.mentor_id), "mentee": who(p.mentee_id), "score": p.score,
             "shared_topics": p.shared_topics, "reasons": p.reasons, "status": "would propose"}
            for p in result.pairs]  # fmt: skip


def round_pairs(store: Any, rnd: Any) -> tuple[list[dict], bool]:
    """The pairs `matches` and `dry-run` both show: the stored ones once the round is matched
    (staff approve those), else the ones the matcher would propose now. True if stored."""
    from bot.jobs.mentoring import pair_rows

    stored = pair_rows(store, rnd)
    return (stored, True) if stored else (proposed_now(store, rnd), False)


@mentoring_group.command("matches")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True)
@click.option("--round", "round_key", help="Round key (default: the latest).")
def matches_command(fmt: str, round_key: str | None) -> None:
    """The round's pairs: as proposed or introduced, or as they would be if not matched yet."""
    with _store_and_config() as (store, config):
        rnd = _pick_round(config, round_key)
        pairs, stored = round_pairs(store, rnd)
        if not stored:
            click.echo(f"{rnd.key}: not matched yet; showing the pairs it would propose now",
                       err=True)  # fmt: skip
        _emit(_pair_records(pairs), fmt)


@mentoring_group.command("dry-run")
@click.option("--round", "round_key", help="Round key (default: the latest).")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True)
def dry_run_command(round_key: str | None, fmt: str) -> None:
    """Read the call's replies from Basecamp and show the pairs it would propose; posts nothing."""
    from bot.cli import _context, _settings
    from bot.jobs.mentoring import _sync_call
    from bot.store import mentoring_tables as t

    ctx = _context(_settings(), dry_run=True)
    try:
        rnd = _pick_round(ctx.config, round_key)
        with ctx.store.transaction() as conn:
            row = t.round_row(conn, rnd.key)
        if row is not None and row.call_message_id:
            _sync_call(ctx, rnd, row.call_message_id)
        pairs, stored = round_pairs(ctx.store, rnd)
        _emit(_pair_records(pairs), fmt)
        said = "already matched: these pairs stand" if stored else "would be proposed"
        click.echo(f"{rnd.key}: {len(pairs)} pairs {said}; nothing was posted",
                   err=True)  # fmt: skip
    finally:
        ctx.close()  # a dry-run store rolls everything back


@mentoring_group.command("report")
@click.option("--round", "round_key", help="Round key (default: the latest).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def report_command(round_key: str | None, as_json: bool) -> None:
    """How far a round has got and how many pairs have met."""
    from bot.jobs.mentoring import report
    with _store_and_config() as (store, config):
        figures = report(store, _pick_round(config, round_key))
    if as_json:
        click.echo(json.dumps(figures))
        return
    click.echo(
        f"{figures['round']}: {figures['stage']}. {figures['introduced']} pairs introduced "
        f"({figures['dropped']} dropped at approval); {figures['met']} have met, "
        f"{figures['not_yet']} not yet, {figures['no_answer']} no answer."
    )
