"""`loti-bot classify`: how the bot reads a reply, and why (for staff checking the reader)."""

from __future__ import annotations

import html
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from bot.core.reader.intents import INTENTS

if TYPE_CHECKING:
    # The reader and its lexicon (pydantic, yaml) load when the command runs, not for --help.
    from bot.config.replies import ReplyLexicon
    from bot.core.replies import ReplyContext, ReplyReading


def _lexicon(config_dir: str) -> ReplyLexicon:
    import yaml
    from pydantic import ValidationError

    from bot.config.replies import ReplyLexicon

    path = Path(config_dir) / "replies.yaml"
    if not path.exists():
        return ReplyLexicon()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return ReplyLexicon.model_validate(data)
    except (yaml.YAMLError, ValidationError) as err:
        raise click.ClickException(f"{path}: {err}") from None


def as_html(text: str) -> str:
    """Plain text becomes a Basecamp-style div; HTML is taken as it is."""
    if "<" in text and ">" in text:
        return text
    return "<div>" + "<br>".join(html.escape(line) for line in text.split("\n")) + "</div>"


def reading_json(reading: ReplyReading) -> dict[str, Any]:
    """The fields staff need to check a reading."""
    return {
        "intent": reading.intent,
        "sure": reading.sure,
        "maybe_not_english": reading.maybe_not_english,
        "reasons": list(reading.reasons),
        "cues": list(reading.cues),
        "out_of_office": reading.out_of_office,
        "referral": reading.referral,
        "mentions": list(reading.mention_names),
        "text": reading.text,
    }


@click.command("classify")
@click.argument("reply", required=False)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Read JSON Lines {\"html\": ...} (from REPLY's file or '-' for stdin) and "
    "write one JSON object per line.",
)
@click.option("--announcement", default="", help="The announcement's subject, for conditions.")
@click.option("--had-place", is_flag=True, help="Read it as from someone who already has a place.")
@click.option("--previous-intent", type=click.Choice(INTENTS),
              help="The intent of this person's last sure reply here.")
@click.option(
    "--config-dir",
    default=lambda: os.environ.get("LOTI_CONFIG_DIR", "config"),
    show_default="$LOTI_CONFIG_DIR or config",
    help="Where replies.yaml lives.",
)
def classify_command(
    reply: str | None, as_json: bool, announcement: str, had_place: bool,
    previous_intent: str | None, config_dir: str,
) -> None:
    """Show the intent of a reply ("TEXT or HTML"), whether the reader is sure, and why.

    With --json, each input line may also carry "announcement", "had_place",
    "previous_intent" and "awaiting_answer"; each output line has "sure" and "cues".
    """
    from bot.core.replies import ReplyContext, classify

    lexicon = _lexicon(config_dir)
    context = ReplyContext(announcement=announcement, had_place=had_place,
                           previous_intent=previous_intent)
    if as_json:
        source = sys.stdin if reply in (None, "-") else open(reply, encoding="utf-8")  # noqa: SIM115
        with source:
            bad = _classify_lines(source, lexicon, context)
        if bad:
            raise SystemExit(1)
        return
    if reply is None:
        raise click.UsageError("give the reply text or HTML, or use --json - for JSON Lines")
    reading = classify(as_html(reply), lexicon, context)
    click.echo(f"intent: {reading.intent} ({'sure' if reading.sure else 'unsure: the bot asks'})")
    for reason in reading.reasons:
        click.echo(f"  because {reason}")
    for cue in reading.cues:
        click.echo(f"  cue {cue}")
    if reading.maybe_not_english:
        click.echo("  (may not be in English: staff are told)")
    if reading.out_of_office:
        click.echo("  (an out-of-office auto-reply)")
    if reading.mention_names:
        click.echo(
            f"  mentions: {', '.join(reading.mention_names)}"
            + (" (a colleague is pointed here)" if reading.referral else "")
        )


def _flag(item: dict[str, Any], key: str, default: bool) -> bool:
    value = item.get(key, default)
    if not isinstance(value, bool):
        raise ValueError(f'"{key}" must be true or false')
    return value


def _classify_lines(lines: Any, lexicon: ReplyLexicon, context: ReplyContext) -> int:
    """Classify each JSON line; a bad line gets an error object, never stops the rest."""
    from bot.core.replies import ReplyContext, classify

    bad = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError("each line must be a JSON object")
            markup = item.get("html", item.get("text"))
            if not isinstance(markup, str):
                raise ValueError('needs an "html" (or "text") string')
            previous = item.get("previous_intent", context.previous_intent)
            if previous is not None and previous not in INTENTS:
                raise ValueError(f'"previous_intent" must be one of {", ".join(INTENTS)}')
            ctx = ReplyContext(
                announcement=str(item.get("announcement", context.announcement)),
                had_place=_flag(item, "had_place", context.had_place),
                previous_intent=previous,
                awaiting_answer=_flag(item, "awaiting_answer", context.awaiting_answer),
            )
        except ValueError as err:
            bad += 1
            out: dict[str, Any] = {"line": number, "error": str(err)[:200]}
        else:
            out = reading_json(classify(as_html(markup), lexicon, ctx))
            if "id" in item:
                out = {"id": item["id"], **out}
        click.echo(json.dumps(out, ensure_ascii=False))
    return bad
