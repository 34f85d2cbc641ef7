"""`loti-bot preview`: render one template with real config data, posting nothing."""

from __future__ import annotations

import html
import re
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import click

from bot.core.calendar import LONDON

# The templates that post about a cancelled occurrence; every other one is about a held one.
CANCELLED_TEMPLATES = ("cancellation_notice",)


def _pick_occurrence(config: Any, key: str, on: date | None, today: date,
                     cancelled: bool = False) -> Any:
    """The occurrence on `on`, or the next one from `today` (cancelled ones only if asked)."""
    series = next((s for s in config.events if s.key == key), None)
    if series is None:
        known = ", ".join(s.key for s in config.events) or "none"
        raise click.BadParameter(f"no event series {key!r} (known: {known})", param_hint="--event")
    if on:
        found = series.occurrences(on, on, LONDON)
        if not found:
            near = [o.day.isoformat() for o in series.occurrences(
                on - timedelta(days=62), on + timedelta(days=62), LONDON)]
            hint = f" (dates near it: {', '.join(near)})" if near else ""
            raise click.BadParameter(f"{key} has no occurrence on {on}{hint}",
                                     param_hint="--date")
        return found[0]
    ahead = series.occurrences(today, today + timedelta(days=800), LONDON)
    found = [o for o in ahead if o.cancelled == cancelled]
    if not found:
        what = "cancelled occurrence" if cancelled else "occurrence that is not cancelled"
        raise click.BadParameter(f"{key} has no {what} from {today} on", param_hint="--event")
    return found[0]


def render_preview(config: Any, templates_dir: str | Path, template: str, *,
                   event: str | None = None, on: date | None = None,
                   cohort: str | None = None, session: int | None = None,
                   today: date | None = None) -> tuple[str, str]:
    """(subject, body) of `template` for the chosen event occurrence or cohort session."""
    from bot.render import SAMPLES, Renderer, _load_samples
    from bot.render_samples import ConfigView

    _load_samples()
    renderer = Renderer(templates_dir, LONDON)
    if template not in SAMPLES or template not in renderer.names():
        names = ", ".join(n for n in renderer.names() if n in SAMPLES)
        raise click.BadParameter(f"no template called {template!r}. Templates: {names}",
                                 param_hint="TEMPLATE")
    today = today or datetime.now(UTC).astimezone(LONDON).date()
    picked: dict[str, Any] = {"preview_real": True}
    if event:
        occ = _pick_occurrence(config, event, on, today, template in CANCELLED_TEMPLATES)
        picked["preview_occurrence"] = occ
        picked["events"] = [occ.series]
    if cohort:
        found = next((c for c in config.cohorts if c.key == cohort), None)
        if found is None:
            known = ", ".join(c.key for c in config.cohorts) or "none"
            raise click.BadParameter(f"no cohort {cohort!r} (known: {known})",
                                     param_hint="--cohort")
        count = len(found.sessions())
        if session is not None and not 1 <= session <= count:
            raise click.BadParameter(f"{cohort} has sessions 1 to {count}",
                                     param_hint="--session")
        picked["cohorts"] = [found]
        picked["preview_session"] = session
    context = SAMPLES[template](ConfigView(config, picked))
    return renderer.render_subject(template, **context), renderer.render(template, **context)


_PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title>
<style>
body {{ font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; background: #f6f2ef;
       color: #283c46; margin: 0; padding: 2rem; }}
.card {{ max-width: 46rem; margin: 0 auto; background: #fff; border-radius: 8px;
        padding: 2rem 2.5rem; box-shadow: 0 1px 4px rgba(0,0,0,.12); }}
.meta {{ color: #6b7780; font-size: .85rem; margin-bottom: 1rem; }}
h1 {{ font-size: 1.6rem; margin: 0 0 .5rem; }}
.trix-content {{ line-height: 1.5; font-size: 1rem; }}
.trix-content a {{ color: #1a73c9; }}
.mention {{ background: #e4f0fb; border-radius: 1em; padding: 0 .45em; font-weight: 600; }}
.note {{ max-width: 46rem; margin: 1rem auto; color: #6b7780; font-size: .8rem; }}
</style></head>
<body><div class="card"><div class="meta">Message Board · preview (nothing was posted)</div>
<h1>{title}</h1>
<div class="trix-content">{body}</div></div>
<p class="note">A mention shows here as @(mention); Basecamp shows the person's name.</p>
</body></html>
"""


def preview_page(subject: str, body: str) -> str:
    """A stand-alone HTML page showing the post roughly as Basecamp's message view does."""
    shown = re.sub(r'<bc-attachment sgid="[^"]*"></bc-attachment>',
                   '<span class="mention">@(mention)</span>', body)
    return _PAGE.format(title=html.escape(subject), body=shown)


def _dirs(env_file: str | None) -> tuple[Path, Path]:
    """LOTI_CONFIG_DIR and LOTI_TEMPLATES_DIR from the environment or `.env`, like `check`.

    Preview needs no Basecamp credentials, so it reads only these two settings.
    """
    from pydantic_settings import BaseSettings, SettingsConfigDict

    class _Dirs(BaseSettings):
        model_config = SettingsConfigDict(extra="ignore", case_sensitive=False,
                                          env_file_encoding="utf-8")
        loti_config_dir: Path = Path("config")
        loti_templates_dir: Path = Path("templates")

    dirs = _Dirs(_env_file=env_file)  # type: ignore[call-arg]
    return dirs.loti_config_dir, dirs.loti_templates_dir


@click.command("preview")
@click.argument("template")
@click.option("--event", metavar="KEY", help="Event series key from events.yaml.")
@click.option("--date", "on", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Which occurrence (default: the next one that is not cancelled; for "
                   "cancellation_notice, the next cancelled one).")
@click.option("--cohort", metavar="KEY", help="Cohort key from cohorts.yaml.")
@click.option("--session", type=int, metavar="N", help="Reflection session number.")
@click.option("--now", "now_text", metavar="ISO-8601", help="Pick 'the next' as if it were then.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Also write a page showing the post roughly as Basecamp would.")
@click.pass_context
def preview_command(ctx: click.Context, template: str, event: str | None, on: datetime | None,
                    cohort: str | None, session: int | None, now_text: str | None,
                    html_file: str | None) -> None:
    """Render TEMPLATE with real config data and print it (nothing is posted)."""
    from bot.cli import parse_now
    from bot.config import ConfigError, load_config
    from bot.render import TemplateError

    if not event and not cohort:
        raise click.UsageError("give --event KEY [--date YYYY-MM-DD] or --cohort KEY --session N")
    if on and not event:
        raise click.UsageError("--date goes with --event")
    root = ctx.find_root().obj or {}
    config_dir, templates_dir = _dirs(root.get("env_file", ".env"))
    now = parse_now(now_text, LONDON)
    today = now.astimezone(LONDON).date() if now else None
    try:
        config = load_config(config_dir)
        subject, body = render_preview(
            config, templates_dir, template, event=event, on=on.date() if on else None,
            cohort=cohort, session=session, today=today)
    except (ConfigError, TemplateError) as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(2)
    from bot.basecamp.richtext import html_to_text

    click.echo(f"Subject: {subject}\n")
    click.echo(body)
    # Posted mentions carry only an sgid; Basecamp fills in the name when it stores them.
    shown = re.sub(r'<bc-attachment sgid="[^"]*"></bc-attachment>', "@(mention)", body)
    click.echo("\n--- as text ---\n" + html_to_text(shown))
    if html_file:
        Path(html_file).write_text(preview_page(subject, body), encoding="utf-8")
        click.echo(f"\npreview: wrote {html_file}")
