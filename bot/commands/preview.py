"""`loti-bot preview`: render one template with real config data, posting nothing."""

from __future__ import annotations

import re
import sys
from datetime import UTC, date, datetime, timedelta
from typing import Any

import click

from bot.core.calendar import LONDON


def _pick_occurrence(config: Any, key: str, on: date | None) -> Any:
    series = next((s for s in config.events if s.key == key), None)
    if series is None:
        known = ", ".join(s.key for s in config.events) or "none"
        raise click.BadParameter(f"no event series {key!r} (known: {known})", param_hint="--event")
    today = datetime.now(UTC).astimezone(LONDON).date()
    start, end = (on, on) if on else (today, today + timedelta(days=800))
    found = series.occurrences(start, end, LONDON)
    if not found:
        when = f"on {on}" if on else "from today on"
        raise click.BadParameter(f"{key} has no occurrence {when}", param_hint="--date")
    return found[0]


def render_preview(config: Any, templates_dir: str, template: str, *, event: str | None = None,
                   on: date | None = None, cohort: str | None = None,
                   session: int | None = None) -> tuple[str, str]:
    """(subject, body) of `template` for the chosen event occurrence or cohort session."""
    from bot.render import SAMPLES, Renderer, _load_samples

    _load_samples()
    if template not in SAMPLES:
        raise click.BadParameter(f"no template or sample called {template!r}",
                                 param_hint="TEMPLATE")
    picked: dict[str, Any] = {}
    if event:
        picked["preview_occurrence"] = _pick_occurrence(config, event, on)
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
    view = _ConfigView(config, picked)
    context = SAMPLES[template](view)
    renderer = Renderer(templates_dir, LONDON)
    return renderer.render_subject(template, **context), renderer.render(template, **context)


class _ConfigView:
    """The config with the chosen cohort first and the chosen occurrence attached."""

    def __init__(self, config: Any, picked: dict[str, Any]):
        self._config = config
        self._picked = picked

    def __getattr__(self, name: str) -> Any:
        if name in self._picked:
            return self._picked[name]
        if name.startswith("preview_"):
            return None
        return getattr(self._config, name)


@click.command("preview")
@click.argument("template")
@click.option("--event", metavar="KEY", help="Event series key from events.yaml.")
@click.option("--date", "on", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Which occurrence (default: the next one).")
@click.option("--cohort", metavar="KEY", help="Cohort key from cohorts.yaml.")
@click.option("--session", type=int, metavar="N", help="Reflection session number.")
@click.option("--config-dir", envvar="LOTI_CONFIG_DIR", default="config", show_default=True)
@click.option("--templates-dir", envvar="LOTI_TEMPLATES_DIR", default="templates",
              show_default=True)
def preview_command(template: str, event: str | None, on: datetime | None, cohort: str | None,
                    session: int | None, config_dir: str, templates_dir: str) -> None:
    """Render TEMPLATE with real config data and print it (nothing is posted)."""
    from bot.config import ConfigError, load_config
    from bot.render import TemplateError

    if not event and not cohort:
        raise click.UsageError("give --event KEY [--date YYYY-MM-DD] or --cohort KEY --session N")
    if on and not event:
        raise click.UsageError("--date goes with --event")
    try:
        config = load_config(config_dir)
        subject, body = render_preview(
            config, templates_dir, template, event=event, on=on.date() if on else None,
            cohort=cohort, session=session)
    except (ConfigError, TemplateError) as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(2)
    from bot.basecamp.richtext import html_to_text

    click.echo(f"Subject: {subject}\n")
    click.echo(body)
    # Posted mentions carry only an sgid; Basecamp fills in the name when it stores them.
    shown = re.sub(r'<bc-attachment sgid="[^"]*"></bc-attachment>', "@(mention)", body)
    click.echo("\n--- as text ---\n" + html_to_text(shown))
