"""What `loti-bot check` proves about the templates, beyond "renders with one sample".

- every template the bot or the config needs exists (config names get the config's file:line);
- every attribute a template reads from a config object exists (`event.venu` is caught even
  inside a branch no sample reaches), with the nearest real name suggested;
- announcement templates show `places_line` (the live count members reply under);
- every template renders, with a non-empty subject and body, for every series and cohort in
  the config and for invented ones covering each branch (online and in person, unconference
  or not, waitlist or not, with and without a description).
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta, nodes
from pydantic import BaseModel

from bot.render import SAMPLES, Renderer, TemplateError


def _roots() -> dict[str, type]:
    """Template variables that hold config objects, and the class whose attributes they offer."""
    from bot.config.cohorts import Cohort, SessionPlan
    from bot.config.events import EventSeries, Occurrence
    from bot.config.mentoring import MentoringRound

    return {"event": EventSeries, "occurrence": Occurrence, "cohort": Cohort,
            "session": SessionPlan, "next_session": SessionPlan, "round": MentoringRound}


ANNOUNCEMENTS = ("event_announcement", "recruitment_announcement")
PLAIN = {"event": "events", "occurrence": "occurrences", "cohort": "cohorts",
         "session": "sessions", "next_session": "sessions", "round": "mentoring rounds"}


def _attributes(cls: type) -> set[str]:
    names = {n for n in dir(cls) if not n.startswith("_")}
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        names |= set(cls.model_fields)
    if dataclasses.is_dataclass(cls):
        names |= {f.name for f in dataclasses.fields(cls)}
    return names


@functools.cache  # the config classes do not change while the process runs
def _attribute_type(cls: type, name: str) -> type | None:
    """The class an attribute holds, when it is itself a config model (to check `a.b.c`)."""
    try:
        hints = typing.get_type_hints(cls)
    except Exception:  # forward references we cannot resolve: stop checking deeper
        return None
    hint = hints.get(name)
    for candidate in (hint, *typing.get_args(hint)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


_TREES: dict[str, nodes.Template] = {}  # by source: every Renderer parses alike


def _parsed(renderer: Renderer, file: Path) -> nodes.Template:
    """The template's syntax tree, parsed once per distinct source (only read, never changed).
    Called after `syntax_ok`, so the source parses."""
    source = file.read_text(encoding="utf-8")
    tree = _TREES.get(source)
    if tree is None:
        if len(_TREES) >= 512:
            _TREES.clear()
        tree = _TREES[source] = renderer.env.parse(source, filename=str(file))
    return tree


def attribute_problems(renderer: Renderer, name: str) -> list[TemplateError]:
    """Every `root.attr` in template `name` that its config class does not have."""
    file = renderer.templates_dir / f"{name}.html.j2"
    tree = _parsed(renderer, file)
    roots = _roots()
    problems = []
    for node in tree.find_all(nodes.Getattr):
        chain = []
        base: nodes.Node = node
        while isinstance(base, nodes.Getattr):
            chain.append(base.attr)
            base = base.node
        if not isinstance(base, nodes.Name) or base.name not in roots:
            continue
        cls: type | None = roots[base.name]
        path = base.name
        for attr in reversed(chain):
            if cls is None:
                break
            known = _attributes(cls)
            if attr not in known:
                close = difflib.get_close_matches(attr, sorted(known), n=1)
                hint = f" (did you mean {path}.{close[0]}?)" if close else ""
                what = PLAIN.get(path, path)
                problems.append(TemplateError(
                    str(file), node.lineno, f"{path}.{attr}: {what} have no {attr!r}{hint}"))
                break
            cls = _attribute_type(cls, attr)
            path = f"{path}.{attr}"
    # Each node of a chain `a.b.c` checks from the root, so a bad `b` is found more than once.
    unique = {str(p): p for p in problems}
    return list(unique.values())


def body_line(file: Path) -> int | None:
    """The line of `{% block body %}`: where a staff member fixes what the body says."""
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if re.search(r"{%-?\s*block\s+body\b", line):
            return number
    return None


def _text(html_text: str) -> str:
    return re.sub(r"(&nbsp;|\s)+", "", re.sub(r"<(?!bc-attachment)[^>]+>", "", html_text))


def render_problems(renderer: Renderer, name: str, views: list[Any],
                    builder: Any) -> list[TemplateError]:
    """Render `name` with every sample view (contexts from `builder`); each problem once."""
    file = str(renderer.templates_dir / f"{name}.html.j2")
    if builder is None:
        return [TemplateError(file, None, "no sample data registered for this template "
                                          "(bot.render.register_sample)")]
    problems: dict[str, TemplateError] = {}
    for view in views:
        try:
            context = builder(view)
            subject = renderer.render_subject(name, **context)
            body = renderer.render(name, **context)
        except TemplateError as err:
            problems.setdefault(str(err), err)
            continue
        if not subject.strip():
            err = TemplateError(file, None, "the subject renders empty: a post needs a subject")
            problems.setdefault(str(err), err)
        if not _text(body):
            err = TemplateError(file, body_line(Path(file)), "the post renders empty: members "
                                                             "would see a blank message")
            problems.setdefault(str(err), err)
    return list(problems.values())


def places_line_problem(renderer: Renderer, name: str) -> TemplateError | None:
    """An announcement must show `places_line`: it is the line the bot keeps up to date."""
    file = renderer.templates_dir / f"{name}.html.j2"
    tree = _parsed(renderer, file)
    if "places_line" in meta.find_undeclared_variables(tree):
        return None
    return TemplateError(str(file), body_line(file), "announcements must show {{ places_line }} "
                         "(the live count of places); without it the bot cannot keep the post "
                         "up to date")


def config_template_names(config: Any) -> Iterator[tuple[str, tuple[Any, ...], str, str]]:
    """(file name, location, template name, sample it renders like) for each named template."""
    for i, series in enumerate(getattr(config, "events", None) or []):
        yield ("events.yaml", ("events", i, "announcement_template"),
               series.announcement_template, "event_announcement")
    for i, cohort in enumerate(getattr(config, "cohorts", None) or []):
        yield ("cohorts.yaml", ("cohorts", i, "welcome_template"), cohort.welcome_template,
               "cohort_welcome")
        yield ("cohorts.yaml", ("cohorts", i, "reflection", "agenda_template"),
               cohort.reflection.agenda_template, "reflection_agenda")


def config_name_problems(renderer: Renderer, config: Any) -> list[TemplateError]:
    """A template named in config that is not in templates/: the config's file:line."""
    from bot.config import locate_in_file

    problems = []
    available = renderer.names()
    directory = Path(getattr(config, "source_files", [Path("config/network.yaml")])[0]).parent
    for file_name, loc, template, _ in config_template_names(config):
        if template in available:
            continue
        path = directory / file_name
        line = locate_in_file(path, loc)
        field = "".join(f"[{p}]" if isinstance(p, int) else ("." if i else "") + p
                        for i, p in enumerate(loc))
        close = difflib.get_close_matches(template, available, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        problems.append(TemplateError(
            str(path), line, f"{field}: no template called {template!r} in "
            f"{renderer.templates_dir}{hint}; templates: {', '.join(available)}"))
    return problems


def missing_problems(renderer: Renderer) -> list[TemplateError]:
    """Templates the bot posts with whose file is gone."""
    available = set(renderer.names())
    return [TemplateError(str(renderer.templates_dir / f"{name}.html.j2"), None,
                          "missing: the bot posts with this template, so it must exist")
            for name in sorted(SAMPLES) if name not in available]


def syntax_ok(renderer: Renderer, name: str) -> TemplateError | None:
    try:
        renderer.env.get_template(f"{name}.html.j2")
    except jinja2.TemplateSyntaxError as err:
        from bot.render import _syntax_error

        return _syntax_error(err, renderer.templates_dir)
    return None
