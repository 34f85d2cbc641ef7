"""The monthly staff digest: a picture of the network in the staff project, with a chart.

fetch (network project people, sign-up threads, mentoring and ideas tables) -> decide
(core.digest) -> post: the chart is uploaded (`POST /attachments.json`) and embedded as a
bc-attachment in one message. `loti-bot report --html FILE` writes the same digest as a page.
Outbox keys: `digest:<YYYY-MM>` (the message), `digest:<YYYY-MM>:chart:<n>` (the upload; a
new n only if an earlier upload's message was never posted, as uploads cannot be reused).
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from bot.core.calendar import PlannedPost, local_datetime
from bot.core.digest import (
    CohortLine,
    Digest,
    EventLine,
    IdeaLine,
    Member,
    MentoringLine,
    below,
    build,
)
from bot.jobs import planner, posting
from bot.render import register_sample

if TYPE_CHECKING:
    from bot.config.digest import StaffDigest
    from bot.jobs.context import JobContext

log = logging.getLogger(__name__)
RECENT = timedelta(days=35)  # events whose sign-ups opened this recently are in the digest


# ---- gathering the figures ------------------------------------------------------------------


def _stated(ctx: Any) -> dict[int, tuple[str | None, str | None]]:
    """(organisation, level) each person stated in their latest mentoring replies."""
    from bot.store.mentoring_tables import mentoring_people as mp

    with ctx.store.transaction() as conn:
        rows = list(conn.execute(select(mp.c.person_id, mp.c.org, mp.c.level)
                                 .order_by(mp.c.updated_at)))
    out: dict[int, tuple[str | None, str | None]] = {}
    for r in rows:  # later rows win, but never replace something said with nothing
        org, level = out.get(r.person_id, (None, None))
        out[r.person_id] = (r.org or org, r.level or level)
    return out


def members(ctx: JobContext) -> list[Member]:
    """Everyone on the network project but the bot and LOTI staff."""
    net = posting.network(ctx)
    staff = {s.email for s in ctx.config.network.staff}
    stated = _stated(ctx)
    out = []
    for p in ctx.client.project_people(net.project_id):
        email = (p.email_address or "").strip().lower()
        if p.id == ctx.me.id or email in staff:
            continue
        org = ctx.config.network.organisation_for(email)
        said_org, level = stated.get(p.id, (None, None))
        out.append(Member(p.id, org.name if org else said_org, level))
    return out


def _level_order(ctx: JobContext) -> list[str]:
    cfg = ctx.config.digest
    if cfg is not None and cfg.levels:
        return list(cfg.levels)
    for rnd in ctx.config.mentoring:
        if rnd.levels:
            return [lv.name for lv in rnd.levels]
    return []


def _events(ctx: JobContext) -> list[EventLine]:
    from bot.config.signups import SignupRules
    from bot.jobs.attendance import summary as attendance_summary
    from bot.jobs.signups import signup_rows
    from bot.store import signups_repo as repo

    open_keys = {th.key for th in ctx.reader.threads("signup")}
    with ctx.store.transaction() as conn:
        threads = [th for th in repo.threads(conn) if th.key.startswith("event:")
                   and (th.key in open_keys or th.opened_at >= ctx.now - RECENT)]
    out = []
    for th in threads:
        rows = signup_rows(ctx, th.key)
        with ctx.store.transaction() as conn:
            came = attendance_summary(conn, th.key)
        out.append(EventLine(th.title, sum(r.status == "confirmed" for r in rows),
                             SignupRules.model_validate_json(th.rules).capacity,
                             sum(r.status == "waitlisted" for r in rows),
                             came.attended if came.recorded else None))
    return out


def _cohorts(ctx: JobContext) -> list[CohortLine]:
    from bot.jobs.signups import signup_roster

    names = [o.name for o in ctx.config.network.organisations]
    out = []
    for c in ctx.config.cohorts:
        if c.recruitment is None or ctx.outbox.done(f"cohort:{c.key}:recruitment") is None:
            continue
        per_org: dict[str, int] = {}
        for r in signup_roster(ctx, f"cohort:{c.key}:recruitment"):
            org = ctx.config.network.organisation_for(r.email)
            if org is not None:
                per_org[org.name] = per_org.get(org.name, 0) + 1
        out.append(CohortLine(c.name, per_org, below(per_org, names)))
    return out


def _mentoring(ctx: JobContext) -> list[MentoringLine]:
    from bot.store.mentoring_tables import mentoring_pairs as pairs

    with ctx.store.transaction() as conn:
        rows = list(conn.execute(select(pairs)))
    out = []
    for key in sorted({r.round_key for r in rows}):
        rs = [r for r in rows if r.round_key == key and r.status != "dropped"]
        out.append(MentoringLine(key, len(rs), sum(r.status == "introduced" for r in rs),
                                 sum(r.met is True for r in rs), sum(r.met is False for r in rs)))
    return out


def _ideas(ctx: JobContext) -> list[IdeaLine]:
    from bot.jobs.ideas import idea_rows

    return [IdeaLine(r.number, r.title, r.votes, r.state) for r in idea_rows(ctx)][:15]


def gather(ctx: JobContext) -> Digest:
    """Every figure the digest shows, as of now."""
    return build(members(ctx), _level_order(ctx),
                 [o.name for o in ctx.config.network.organisations], _events(ctx),
                 _cohorts(ctx), _mentoring(ctx), _ideas(ctx))


# ---- posting it monthly ---------------------------------------------------------------------


def digest_plan(cfg: StaffDigest, now: Any, tz: Any) -> list[PlannedPost]:
    """This month's digest and last month's (a late start still posts within a week)."""
    today = now.astimezone(tz).date()
    months = [today.replace(day=1), (today.replace(day=1) - timedelta(days=1)).replace(day=1)]
    posts = []
    for first in months:
        due = local_datetime(date(first.year, first.month, cfg.day_of_month), cfg.post_time, tz)
        posts.append(PlannedPost(f"digest:{first:%Y-%m}", "staff_digest", due,
                                 due + timedelta(days=7)))
    return posts


def plan(ctx: JobContext) -> None:
    """Post the monthly staff digest when it is due."""
    cfg = ctx.config.digest
    if cfg is None:
        return
    planned = digest_plan(cfg, ctx.now, ctx.tz)
    for post in posting.due_now(ctx, planned):
        outcome = post_digest(ctx, cfg, post.key, post.due_at)
        if outcome and not ctx.dry_run:
            posting.finish(ctx, post.key, post.kind, outcome)


def post_digest(ctx: JobContext, cfg: StaffDigest, key: str, as_of: Any) -> str | None:
    """Upload the chart and post the digest in the staff project."""
    if ctx.outbox.done(key) is not None:
        return "posted"
    place = posting.place_of(posting.find_project(ctx, cfg.staff_project))
    digest = gather(ctx)
    sgid = None
    if cfg.chart and digest.organisations:
        from bot.jobs.digest_chart import chart_png

        n = 1
        while ctx.outbox.done(f"{key}:chart:{n}") is not None:
            n += 1  # uploaded before but its message never went: uploads cannot be reused
        upload = ctx.outbox.create_attachment(f"{key}:chart:{n}", "network-members.png",
                                              chart_png(digest), "image/png")
        sgid = getattr(upload, "attachable_sgid", None)
    subject, body = ctx.renderer.render_post("staff_digest", digest=digest, as_of=as_of,
                                             chart_sgid=sgid)
    done = ctx.outbox.create_message(key, place.board_id, subject, body)
    return "posted" if done is not None else None


if plan not in planner.PLANNERS:
    planner.PLANNERS.append(plan)


# ---- the same digest as a web page ----------------------------------------------------------


def html_page(ctx: JobContext) -> str:
    """A self-contained page: the digest's text with its chart inline (for outside Basecamp)."""
    import base64
    from html import escape

    digest = gather(ctx)
    subject, body = ctx.renderer.render_post("staff_digest", digest=digest, as_of=ctx.now,
                                             chart_sgid=None)
    chart = ""
    if digest.organisations:
        from bot.jobs.digest_chart import chart_png

        data = base64.b64encode(chart_png(digest)).decode()
        chart = (f'<p><img alt="Members per organisation, by seniority" '
                 f'src="data:image/png;base64,{data}"></p>')
    return (f'<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8">'
            f"<title>{escape(subject)}</title></head>\n<body><h1>{escape(subject)}</h1>\n"
            f"{chart}\n{body}\n</body></html>\n")


@register_sample("staff_digest")
def _sample(config: Any) -> dict[str, Any]:
    from bot.core.digest import NOT_STATED

    d = build([Member(1, "Camden", "Senior leader"), Member(2, "Hackney", None),
               Member(3, None, "Apprentice")], ("Apprentice", "Senior leader"),
              ("Camden", "Hackney", "Brent"),
              [EventLine("Lunch and learn", 18, 30, 0, 15), EventLine("Site visit", 12, 12, 3)],
              [CohortLine("Confident Digital Leaders, spring", {"Camden": 2}, ["Hackney"])],
              [MentoringLine("mentoring:spring", 6, 5, 3, 1)],
              [IdeaLine(2, "Shared cyber security training", 5, "taken_up")])
    assert NOT_STATED in d.levels
    return {"digest": d, "as_of": date(2027, 2, 1), "chart_sgid": "SAMPLE-CHART"}
