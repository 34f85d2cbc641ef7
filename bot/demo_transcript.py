"""The demo's HTML transcript: every thread as a member would see it, and sign-ups by organisation.

Built from the sandbox's final state (what Basecamp would show) and the bot's sign-up records.
Rendered with Jinja (autoescaped); rich text is cleaned to Basecamp's tags first, and mentions
show as @Name, as Basecamp shows them. The chart is inline SVG: no script, no extra dependency.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from bot.basecamp.richtext import clean_html, escape

TEMPLATES = Path(__file__).with_name("demo_templates")
MENTION = re.compile(r'<bc-attachment[^>]*sgid="([^"]+)"[^>]*>(?:.*?</bc-attachment>)?', re.S)
UNKNOWN_ORG = "Organisation not known"


@dataclass
class Reply:
    """A comment as members see it: who, when, what, and the boosts on it."""

    author: str
    at: datetime
    html: Markup
    boosts: list[tuple[str, str]]  # (who, content)
    by_bot: bool


@dataclass
class Thread:
    """A message and its replies."""

    subject: str
    author: str
    at: datetime
    html: Markup
    boosts: list[tuple[str, str]]
    replies: list[Reply] = field(default_factory=list)
    by_bot: bool = False


@dataclass
class ProjectView:
    name: str
    threads: list[Thread]
    schedule: list[dict[str, Any]]


@dataclass
class Bar:
    label: str
    confirmed: int
    waitlisted: int


@dataclass
class Chart:
    title: str
    bars: list[Bar]

    @property
    def most(self) -> int:
        return max([b.confirmed + b.waitlisted for b in self.bars] or [1]) or 1


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                      autoescape=select_autoescape(["html", "j2"]))
    env.filters["when"] = lambda d: f"{d:%a %-d %b %Y, %H:%M}"
    return env


def rich(html: str | None, names: dict[str, str]) -> Markup:
    """Basecamp rich text as a member sees it: cleaned, with mentions as @Name."""
    cleaned = clean_html(html or "")
    shown = MENTION.sub(
        lambda m: f'<span class="mention">@{escape(names.get(m.group(1), "someone"))}</span>',
        cleaned)
    return Markup(shown)  # cleaned by nh3 above; names escaped


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def projects_view(sandbox: Any) -> list[ProjectView]:
    """Every project's threads (messages, replies, boosts) and schedule, oldest first."""
    state = sandbox.state
    bot = state.bot_person_id
    people = {pid: p["name"] for pid, p in state.people.items()}
    names = {sandbox.views.person(pid)["attachable_sgid"]: n for pid, n in people.items()}
    boosts: dict[int, list[tuple[str, str]]] = {}
    for b in sorted(state.boosts.values(), key=lambda b: b["id"]):
        boosts.setdefault(b["recording_id"], []).append(
            (people.get(b["booster_id"], "someone"), b["content"]))
    live = [r for r in state.recordings.values() if r.get("status", "active") == "active"]
    views = []
    for pid, project in sorted(state.projects.items()):
        messages = sorted((r for r in live if r["type"] == "Message" and r["bucket_id"] == pid),
                          key=lambda r: r["id"])
        threads = []
        for m in messages:
            replies = [Reply(people.get(c["creator_id"], "someone"), _parse(c["created_at"]),
                             rich(c.get("content"), names), boosts.get(c["id"], []),
                             c["creator_id"] == bot)
                       for c in sorted((r for r in live if r["type"] == "Comment"
                                        and r.get("parent_id") == m["id"]), key=lambda r: r["id"])]
            threads.append(Thread(m.get("subject") or "", people.get(m["creator_id"], "someone"),
                                  _parse(m["created_at"]), rich(m.get("content"), names),
                                  boosts.get(m["id"], []), replies, m["creator_id"] == bot))
        schedule = [{"summary": e.get("summary", ""), "starts_at": _parse(e["starts_at"]),
                     "taking_part": len(e.get("participant_ids") or [])}
                    for e in sorted((r for r in live if r["type"] == "Schedule::Entry"
                                     and r["bucket_id"] == pid), key=lambda r: r["starts_at"])]
        if threads or schedule:
            views.append(ProjectView(project["name"], threads, schedule))
    return views


def signup_charts(threads: list[tuple[str, list[Any]]],
                  org_names: dict[str, str] | None = None) -> list[Chart]:
    """One chart per sign-up thread: confirmed and waiting places per organisation."""
    names = org_names or {}

    def org(row: Any) -> str:
        return names.get(row.organisation, row.organisation) if row.organisation else UNKNOWN_ORG

    charts = []
    for title, rows in threads:
        confirmed = Counter(org(r) for r in rows if r.status == "confirmed")
        waiting = Counter(org(r) for r in rows if r.status == "waitlisted")
        orgs = sorted(set(confirmed) | set(waiting), key=lambda o: (-confirmed[o] - waiting[o], o))
        charts.append(Chart(title, [Bar(o, confirmed[o], waiting[o]) for o in orgs]))
    return charts


def write_transcript(sandbox: Any, signups: list[tuple[str, list[Any]]], out_dir: Path,
                     title: str, org_names: dict[str, str] | None = None) -> tuple[Path, Path]:
    """Write transcript.html and signups.html into `out_dir`; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    env = _env()
    transcript = out_dir / "transcript.html"
    chart_page = out_dir / "signups.html"
    transcript.write_text(env.get_template("transcript.html.j2").render(
        title=title, projects=projects_view(sandbox), signups_page=chart_page.name),
        encoding="utf-8")
    chart_page.write_text(env.get_template("signups.html.j2").render(
        title=title, charts=signup_charts(signups, org_names),
        transcript_page=transcript.name),
        encoding="utf-8")
    return transcript, chart_page


def post_page(subject: str, body_html: str, author: str = "LOTI Network Bot") -> str:
    """One post as a page, roughly as Basecamp shows it (mentions as @(mention))."""
    shown = MENTION.sub('<span class="mention">@(mention)</span>', clean_html(body_html))
    return _env().get_template("post.html.j2").render(
        subject=subject, author=author, html=Markup(shown))  # cleaned by nh3 above
