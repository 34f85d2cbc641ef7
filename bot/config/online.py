"""`check --online`: names in the config that must exist in the Basecamp account.

Pure: the caller lists the account's projects, templates and people; this compares them with
the config and returns one ConfigError (file:line: field: message) per name not found.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.config import ConfigError, locate_in_file


@dataclass(frozen=True)
class Account:
    """What the Basecamp account holds, by name (projects, templates) and email (people)."""

    projects: dict[str, int]  # name -> id (active projects)
    templates: set[str]
    emails: set[str]  # lower-case


def _named(config: Any) -> Iterator[tuple[str, tuple[Any, ...], str, str]]:
    """(file, location, kind, value) for every project, template and person the config names."""
    net = config.network
    yield "network.yaml", ("project", "name"), "project", net.project.name
    for i, s in enumerate(net.staff):
        yield "network.yaml", ("staff", i, "email"), "person", s.email
    for i, o in enumerate(net.organisations):
        if o.champion:
            yield "network.yaml", ("organisations", i, "champion"), "person", o.champion
    for i, c in enumerate(config.cohorts):
        if c.template:
            yield "cohorts.yaml", ("cohorts", i, "template"), "template", c.template
        if c.recruitment and c.recruitment.staff_project:
            yield ("cohorts.yaml", ("cohorts", i, "recruitment", "staff_project"), "project",
                   c.recruitment.staff_project)
        for j, email in enumerate(c.staff):
            yield "cohorts.yaml", ("cohorts", i, "staff", j), "person", email
    for i, r in enumerate(config.mentoring):
        for field in ("project", "approval_project", "introductions_project"):
            value = getattr(r, field)
            if value:
                yield "mentoring.yaml", ("mentoring", i, field), "project", value
        for j, email in enumerate(r.approvers):
            yield "mentoring.yaml", ("mentoring", i, "approvers", j), "person", email


def _field(loc: tuple[Any, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else ("." if i else "") + str(p)
                   for i, p in enumerate(loc))


def _listing(names: list[str], value: str) -> str:
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    shown = ", ".join(sorted(names)[:12]) + (", …" if len(names) > 12 else "")
    return f"{hint} The account has: {shown or 'none'}."


def online_problems(config: Any, account: Account) -> list[ConfigError]:
    """Every project, Basecamp template or person named in config that the account lacks."""
    directory = Path(config.source_files[0]).parent
    problems = []
    pinned = config.network.project.id
    for file, loc, kind, value in _named(config):
        if kind == "project":
            if value in account.projects or (loc == ("project", "name") and pinned
                                              and pinned in account.projects.values()):
                continue
            message = (f"no Basecamp project called {value!r}."
                       f"{_listing(list(account.projects), value)}")
        elif kind == "template":
            if value in account.templates:
                continue
            message = (f"no Basecamp template called {value!r}."
                       f"{_listing(list(account.templates), value)}")
        else:
            if value.lower() in account.emails:
                continue
            message = (f"{value} is not a person in the Basecamp account: invite them in "
                       "Basecamp, or fix the address")
        path = directory / file
        problems.append(ConfigError(path, locate_in_file(path, loc), _field(loc), message))
    return problems
