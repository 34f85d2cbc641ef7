"""Render the templates staff edit into Basecamp rich text.

Jinja2 with StrictUndefined (a missing variable is an error, never a blank in a live post) and
HTML autoescaping for `*.html.j2` (member-supplied text is always escaped). Output is cleaned
to the tags Basecamp keeps. Each template has a `subject` block (plain text) and a body.
"""

from __future__ import annotations

import html
import re
import traceback
from collections.abc import Callable
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from markupsafe import Markup, escape

from bot.basecamp.richtext import clean_html
from bot.core.calendar import LONDON

if TYPE_CHECKING:
    import jinja2

__all__ = ["SAMPLES", "Renderer", "TemplateError", "check_templates", "register_sample"]

_SAFE_URL = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


class TemplateError(Exception):
    """A template cannot be rendered: `file:line: message`."""

    def __init__(self, file: str, line: int | None, message: str):
        self.file = file
        self.line = line
        self.message = message
        super().__init__(f"{file}:{line}: {message}" if line else f"{file}: {message}")


def _tidy(markup: str) -> str:
    """Drop the line breaks templates need for readability; Basecamp would show them as spaces."""

    def join(m: re.Match[str]) -> str:
        before, after = m.group(1), m.group(2)
        if before == ">" or after == "<":
            return before + after
        return f"{before} {after}"

    return re.sub(r"(\S)\s*\n\s*(\S)", join, markup).strip()


def _hour(dt: datetime) -> str:
    suffix = "am" if dt.hour < 12 else "pm"
    hour = dt.hour % 12 or 12
    if dt.hour == 12 and dt.minute == 0:
        return "midday"
    return f"{hour}{suffix}" if dt.minute == 0 else f"{hour}:{dt.minute:02d}{suffix}"


_BYTECODE: Any = None
_VERSIONS_KEPT = 4  # compiled versions of one template kept (edits, or copies in `check`)


def _bytecode_cache() -> jinja2.BytecodeCache:
    """Compiled templates shared by every Renderer in the process, keyed by template name and
    source checksum (not by folder: `check` on a copy of the templates compiles nothing new).

    Each cycle builds a new Renderer; without this every template is recompiled every cycle.
    The compiled code names its file, and error lines are found through that name, so code
    taken from the cache is given the file it is now loaded from.
    """
    global _BYTECODE
    if _BYTECODE is None:
        import jinja2

        class MemoryBytecodeCache(jinja2.BytecodeCache):
            def __init__(self) -> None:
                self._store: dict[tuple[str, str], bytes] = {}

            def get_bucket(self, environment: jinja2.Environment, name: str,
                           filename: str | None, source: str) -> jinja2.bccache.Bucket:
                bucket = super().get_bucket(environment, name, None, source)
                if bucket.code is not None and filename is not None:
                    bucket.code = _relocated(bucket.code, filename)
                return bucket

            def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
                data = self._store.get((bucket.key, bucket.checksum))
                if data is not None:
                    bucket.bytecode_from_string(data)

            def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
                # A long-running worker sees staff edit a template many times: keep only
                # the latest few versions of each.
                versions = [k for k in self._store if k[0] == bucket.key]
                for old in versions[:max(0, len(versions) - _VERSIONS_KEPT + 1)]:
                    del self._store[old]
                self._store[(bucket.key, bucket.checksum)] = bucket.bytecode_to_string()

        _BYTECODE = MemoryBytecodeCache()
    return _BYTECODE


def _relocated(code: CodeType, filename: str) -> CodeType:
    """`code` (and the functions inside it) as if compiled from `filename`."""
    if code.co_filename == filename:
        return code
    consts = tuple(_relocated(c, filename) if isinstance(c, CodeType) else c
                   for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


class Renderer:
    """Renders `templates/<name>.html.j2` with London dates and Basecamp-clean output."""

    def __init__(self, templates_dir: str | Path, tz: ZoneInfo = LONDON):
        self.templates_dir = Path(templates_dir)
        self.tz = tz

    @cached_property
    def env(self) -> jinja2.Environment:
        """The Jinja environment, built (and Jinja imported) when the first template is needed:
        most worker cycles post nothing, and the worker starts faster without it."""
        import jinja2

        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(self.templates_dir)),
            undefined=jinja2.StrictUndefined,
            autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",),
                                                default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            bytecode_cache=_bytecode_cache(),
        )
        env.filters.update(
            uk_date=self.uk_date, uk_time=self.uk_time, time_range=self.time_range,
            safe_url=_safe_url, plural=_plural,
        )
        env.globals.update(bc_mention=_mention, bc_link=_link)
        return env

    def names(self) -> list[str]:
        """Names of the post templates (not the `_` partials)."""
        return sorted(
            p.name.removesuffix(".html.j2")
            for p in self.templates_dir.glob("*.html.j2")
            if not p.name.startswith("_")
        )

    def render(self, name: str, **context: Any) -> str:
        """The body of template `name` as cleaned Basecamp HTML."""
        template = self._template(name)
        body = self._run(name, lambda: template.render(**context, part="body"))
        return _tidy(clean_html(body))

    def render_subject(self, name: str, **context: Any) -> str:
        """The template's `subject` block as one line of plain text."""
        template = self._template(name)
        if "subject" not in template.blocks:
            raise TemplateError(self._file(name), None, "no {% block subject %} in this template")
        raw = self._run(name, lambda: template.render(**context, part="subject"))
        text = html.unescape(re.sub(r"<[^>]+>", "", raw))
        return " ".join(text.split())

    def render_post(self, name: str, **context: Any) -> tuple[str, str]:
        """(subject, body) in one call."""
        return self.render_subject(name, **context), self.render(name, **context)

    # Dates in plain British style, always on the London clock.
    def uk_date(self, value: date | datetime, year: bool = False) -> str:
        """'Tuesday 8 December' (and the year when asked)."""
        if isinstance(value, datetime):
            value = value.astimezone(self.tz).date()
        text = f"{value:%A} {value.day} {value:%B}"
        return f"{text} {value.year}" if year else text

    def uk_time(self, value: datetime) -> str:
        """'12:30pm', '1pm', 'midday'."""
        return _hour(value.astimezone(self.tz))

    def time_range(self, start: datetime, end: datetime) -> str:
        """'12:30pm to 1:30pm'."""
        return f"{self.uk_time(start)} to {self.uk_time(end)}"

    def _file(self, name: str) -> str:
        return str(self.templates_dir / f"{name}.html.j2")

    def _template(self, name: str) -> jinja2.Template:
        import jinja2

        try:
            return self.env.get_template(f"{name}.html.j2")
        except jinja2.TemplateNotFound as err:
            message = f"template not found ({err.name})"
            raise TemplateError(self._file(name), None, message) from None
        except jinja2.TemplateSyntaxError as err:
            raise _syntax_error(err, self.templates_dir) from None

    def _run(self, name: str, fn: Callable[[], str]) -> str:
        import jinja2

        try:
            return fn()
        except jinja2.TemplateSyntaxError as err:
            raise _syntax_error(err, self.templates_dir) from None
        except jinja2.UndefinedError as err:
            file, line = _template_frame(err, self._file(name))
            raise TemplateError(file, line, _undefined(err.message)) from None
        except (TypeError, ValueError, AttributeError, KeyError) as err:
            file, line = _template_frame(err, self._file(name))
            raise TemplateError(file, line, f"{err.__class__.__name__}: {err}") from None


def _undefined(message: str | None) -> str:
    """Jinja's undefined-variable message in staff words."""
    text = message or "something is undefined"
    attr = re.match(r"^'(?:[\w.]+\.)?(\w+) object' has no attribute '(\w+)'$", text)
    if attr:
        return f"undefined: {attr.group(1)} has no {attr.group(2)!r} (check the spelling)"
    name = re.match(r"^'(\w+)' is undefined$", text)
    if name:
        return f"undefined: {name.group(1)!r} is not given to this template (check the spelling)"
    return f"undefined: {text}"


def _syntax_error(err: jinja2.TemplateSyntaxError, directory: Path) -> TemplateError:
    file = err.filename or str(directory / (err.name or "?"))
    return TemplateError(file, err.lineno, f"syntax error: {err.message}")


def _template_frame(err: BaseException, default: str) -> tuple[str, int | None]:
    # Jinja rewrites tracebacks so template frames carry the template's file and line.
    frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename.endswith(".j2")]
    if frames:
        return frames[-1].filename, frames[-1].lineno
    return default, None


def _attr(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def _mention(person: Any) -> Markup:
    """A Basecamp mention, or the escaped name when we have no sgid for them."""
    sgid = _attr(person, "attachable_sgid")
    if sgid:
        return Markup('<bc-attachment sgid="{}"></bc-attachment>').format(sgid)
    return escape(_attr(person, "name") or "")


def _safe_url(url: str) -> str:
    return url if _SAFE_URL.match(url or "") else ""


def _link(url: str, text: str | None = None) -> Markup:
    """A link, or just the text when the URL is not http(s)/mailto."""
    if not _safe_url(url):
        return escape(text or "")
    return Markup('<a href="{}">{}</a>').format(url, text or url)


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    word = singular if count == 1 else (plural or singular + "s")
    return f"{count} {word}"


# Sample contexts for `check`: every template must render with real-looking data.
SampleBuilder = Callable[[Any], dict[str, Any]]
SAMPLES: dict[str, SampleBuilder] = {}


def register_sample(name: str) -> Callable[[SampleBuilder], SampleBuilder]:
    """Decorator: `builder(config) -> context` used by check_templates for template `name`."""

    def wrap(fn: SampleBuilder) -> SampleBuilder:
        SAMPLES[name] = fn
        return fn

    return wrap


def _load_samples() -> None:
    # Feature modules register samples for their own templates when imported.
    import importlib
    import importlib.util

    for name in ("bot.render_samples", "bot.jobs.signups", "bot.jobs.mentoring",
                 "bot.jobs.funding", "bot.jobs.network_join", "bot.jobs.ideas",
                 "bot.jobs.digest"):
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name)


def check_templates(templates_dir: str | Path, config: Any = None) -> list[TemplateError]:
    """Check every template (see bot.render_check); return every problem (empty = all good)."""
    import jinja2

    from bot import render_check as rc
    from bot.render_samples import sample_views

    _load_samples()
    renderer = Renderer(templates_dir)
    problems: list[TemplateError] = []
    for partial in sorted(Path(templates_dir).glob("_*.html.j2")):
        try:
            renderer.env.get_template(partial.name)
        except jinja2.TemplateSyntaxError as err:
            problems.append(_syntax_error(err, Path(templates_dir)))
    problems += rc.missing_problems(renderer)
    problems += rc.config_name_problems(renderer, config)
    views = sample_views(config)
    samples = dict(SAMPLES)
    for _, _, name, like in rc.config_template_names(config):
        if name not in samples and like in samples:  # posted with the same data as `like`
            samples[name] = samples[like]
    announcements = set(rc.ANNOUNCEMENTS) | {
        name for _, _, name, like in rc.config_template_names(config) if like in rc.ANNOUNCEMENTS}
    for name in renderer.names():
        syntax = rc.syntax_ok(renderer, name)
        if syntax is not None:
            problems.append(syntax)
            continue
        attributes = rc.attribute_problems(renderer, name)
        problems += attributes
        if attributes:
            continue  # rendering would only repeat the same typo less clearly
        if name in announcements:
            missing_line = rc.places_line_problem(renderer, name)
            if missing_line is not None:
                problems.append(missing_line)
        problems += rc.render_problems(renderer, name, views, samples.get(name))
    unique = {str(p): p for p in problems}
    return list(unique.values())
