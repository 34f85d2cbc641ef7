"""Helpers shared by the posting jobs (events and cohorts): places, people, rosters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.basecamp.richtext import escape, link
from bot.core.calendar import PlannedPost, due_posts
from bot.store import events_tables as t

if TYPE_CHECKING:
    from bot.basecamp.models import Person, Project
    from bot.jobs.context import JobContext


class SetupError(Exception):
    """Something in Basecamp is not as the config expects (a missing project, tool or template)."""


@dataclass(frozen=True)
class Place:
    """A project and the ids of the tools the bot posts to."""

    project_id: int
    board_id: int | None
    schedule_id: int | None
    chat_id: int | None = None
    questionnaire_id: int | None = None


def place_of(project: Project) -> Place:
    """The tool ids of an enabled dock."""

    def tool(name: str) -> int | None:
        found = next((d for d in project.dock if d.name == name and d.enabled), None)
        return found.id if found else None

    return Place(project.id, tool("message_board"), tool("schedule"), tool("chat"),
                 tool("questionnaire"))


# Basecamp answers 404 for a project the bot is not on, as if it did not exist.
_ADD_THE_BOT = "if it exists, add the bot's Basecamp user to it (People on the project)"


def find_project(ctx: JobContext, name: str, project_id: int | None = None) -> Project:
    """A project by id, or by exact name among the active projects the bot is on."""
    from bot.basecamp.errors import AccountInactive, NotFound

    if project_id is not None:
        try:
            return ctx.client.project(project_id)
        except AccountInactive:
            raise  # the whole account, not this project: the cycle stops
        except NotFound:
            raise SetupError(f"the bot cannot see Basecamp project {name!r} "
                             f"(id {project_id}): {_ADD_THE_BOT}") from None
    for project in ctx.client.projects():
        if project.name == name:
            return project
    raise SetupError(f"the bot cannot see an active Basecamp project called {name!r}: "
                     f"{_ADD_THE_BOT}")


def network(ctx: JobContext) -> Place:
    """The network project, where announcements go (looked up once per job run)."""
    ref = ctx.config.network.project
    place = place_of(find_project(ctx, ref.name, ref.id))
    if place.board_id is None or place.schedule_id is None:
        raise SetupError(f"the network project {ref.name!r} needs its Message Board and Schedule")
    return place


class FailedPost(str):
    """The key of a planned post that failed, carrying the one-line reason."""

    reason: str

    def __new__(cls, key: str, reason: str) -> FailedPost:
        item = super().__new__(cls, key)
        item.reason = reason
        return item


class PlanFailed(Exception):
    """Some planned posts failed this cycle; the rest went ahead. The planner logs one line."""

    def __init__(self, part: str, keys: list[str]):
        self.keys = list(keys)
        self.reasons = {str(k): getattr(k, "reason", "failed") for k in keys}
        super().__init__(f"{part}: {len(keys)} planned post(s) failed: {', '.join(keys)}")


_FATAL = {"AuthError", "AccountInactive"}


def isolated(ctx: JobContext, key: str, failed: list[str], fn: Callable[[], None]) -> None:
    """Run one planned post; a failure is noted (with its reason) and the next post still runs."""
    try:
        fn()
    except Exception as err:
        if type(err).__name__ in _FATAL:
            raise  # not about this post: stop the cycle
        # The planner logs one line for the whole pass; the traceback only with --verbose.
        ctx.log.debug("%s failed", key, exc_info=True)
        failed.append(FailedPost(key, f"{' '.join(str(err).split())} ({type(err).__name__})"))


def due_now(ctx: JobContext, planned: list[PlannedPost]) -> list[PlannedPost]:
    """The planned posts due at `ctx.now` that are not finished yet."""
    with ctx.store.transaction() as conn:
        done = t.finished_keys(conn, [p.key for p in planned])
    return due_posts(planned, ctx.now, done)


def finish(ctx: JobContext, key: str, kind: str, outcome: str) -> None:
    """Record that a planned post is finished (posted or deliberately skipped)."""
    with ctx.store.transaction() as conn:
        t.mark_finished(conn, key, kind, outcome, ctx.now)


def initial_places_line(capacity: int) -> str:
    """The live line before anyone has replied (the sign-up job keeps it current after)."""
    from bot.core.ledger import Ledger

    return Ledger(capacity=capacity).line()


def where_html(url: str | None, venue: str | None) -> str:
    """'Online: join the call' or 'In person at …' for schedule entries."""
    if url:
        return f"<div>Online: {link(url, 'join the call')}</div>"
    return f"<div>In person at {escape(venue or '')}</div>"


def _field(row: Any, *names: str) -> Any:
    for name in names:
        value = row.get(name) if isinstance(row, dict) else getattr(row, name, None)
        if value is not None:
            return value
    return None


def roster(ctx: JobContext, key: str) -> list[Any]:
    """Confirmed sign-ups for a thread key (empty if the sign-up part has nothing)."""
    from bot.jobs.signups import signup_roster

    return list(signup_roster(ctx, key))


def roster_people(ctx: JobContext, key: str, project_id: int) -> list[Person]:
    """Basecamp people (with sgids, for mentions) for the confirmed sign-ups of `key`."""
    ids = [_field(r, "person_id", "id") for r in roster(ctx, key)]
    ids = [int(i) for i in ids if i is not None]
    if not ids:
        return []
    # Only people still on the project: a mention of anyone else would not reach them.
    known = {p.id: p for p in ctx.client.project_people(project_id)}
    return [known[person_id] for person_id in ids if person_id in known]


def roster_emails(ctx: JobContext, key: str) -> list[dict[str, Any]]:
    """The confirmed sign-ups of `key` as {person_id, name, email}."""
    rows = []
    for r in roster(ctx, key):
        rows.append({
            "person_id": _field(r, "person_id", "id"),
            "name": _field(r, "name", "person_name") or "",
            "email": (_field(r, "email", "email_address") or "").lower(),
        })
    return rows


def people_by_email(ctx: JobContext) -> dict[str, Person]:
    """Everyone the bot can see, by lower-case email."""
    return {p.email_address.lower(): p for p in ctx.client.people() if p.email_address}


# ---- catching up after a late start ----------------------------------------------------------


def finished_times(ctx: JobContext, keys: list[str]) -> dict[str, Any]:
    """Finished planned posts among `keys`, with when they finished (for catch-up decisions)."""
    from sqlalchemy import select

    if not keys:
        return {}
    c = t.planned_posts.c
    with ctx.store.transaction() as conn:
        rows = conn.execute(select(c.key, c.finished_at).where(c.key.in_(keys)))
        return {r.key: r.finished_at for r in rows}


def staff_project(ctx: JobContext) -> str | None:
    """The staff-only project the config names first (cohort coverage, mentoring approval)."""
    for cohort in ctx.config.cohorts:
        if cohort.recruitment is not None and cohort.recruitment.staff_project:
            return cohort.recruitment.staff_project
    for rnd in ctx.config.mentoring:
        if rnd.approval_project:
            return rnd.approval_project
    return None


def report_missed(ctx: JobContext, post: PlannedPost, what: str) -> str | None:
    """Skip a post whose moment has passed and tell staff once; the outcome to record.

    Returns "missed" once staff have been told (or there is nowhere to tell them), None in a
    dry run (the message is only listed).
    """
    late = post.expires_at is not None and ctx.now >= post.expires_at
    r = ctx.renderer
    due = f"{r.uk_date(post.due_at)} at {r.uk_time(post.due_at)}"
    now = f"{r.uk_date(ctx.now)} at {r.uk_time(ctx.now)}"
    why = ("it had stopped mattering by then" if late else
           "it would have come straight after the post it follows up, which only went out "
           "just now")
    name = staff_project(ctx)
    if name is None:
        ctx.log.warning("%s: skipped (due %s, %s); no staff project in the config to tell",
                        post.key, due, why)
        return "missed"
    place = place_of(find_project(ctx, name))
    if place.board_id is None:
        raise SetupError(f"the staff project {name!r} needs its Message Board")
    body = (f"<div>I skipped {escape(what)}. It was due {escape(due)}, but I only ran "
            f"{escape(now)} and {escape(why)}.</div>"
            "<div><br>Nothing has been posted. If members still need to hear about it, please "
            "post something by hand.</div>")
    subject = f"Skipped: {what}"
    done = ctx.outbox.create_message(f"staff:skipped:{post.key}", place.board_id, subject, body)
    if done is None:
        return None
    ctx.log.info("%s: skipped (its moment had passed); staff told in %s", post.key, name)
    return "missed"
