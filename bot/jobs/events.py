"""Event announcements, reminders, "places left" nudges, cancellations and unconferences.

Each occurrence yields planned posts (bot.core.calendar.PlannedPost); whatever is due now is
carried out through the outbox with keys like `event:lunch-and-learn:2026-12-08:reminder`,
so a rerun (or a run after downtime) finishes what is missing and never posts twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.basecamp.errors import NotFound
from bot.basecamp.models import is_member
from bot.basecamp.richtext import escape, html_to_text
from bot.config.events import EventSeries, Occurrence
from bot.core.attendance import call_plan
from bot.core.calendar import PlannedPost, catch_up, lead_time
from bot.jobs import posting
from bot.jobs.planner import PLANNERS
from bot.jobs.poll import register
from bot.store import events_tables as t

if TYPE_CHECKING:
    from bot.jobs.context import JobContext
    from bot.threads import ReplyChange

logger = logging.getLogger(__name__)
TOPIC_KIND = "unconference_topics"
TOPIC_MAX_CHARS = 140


# ---- pure: what is planned for an occurrence ------------------------------------------------


def closes_at(occ: Occurrence) -> datetime:
    """When sign-ups close: `close_days` before at post time, or at the start."""
    leads = occ.series.leads
    if leads.close_days == 0:
        return occ.starts_at
    return lead_time(occ.starts_at, leads.close_days, leads.post_time, occ.starts_at.tzinfo)


def event_plan(occ: Occurrence) -> list[PlannedPost]:
    """Every post this occurrence may need, with when it is due and when it stops mattering."""
    s, leads, tz = occ.series, occ.series.leads, occ.starts_at.tzinfo
    at = leads.post_time

    def lead(days: int) -> datetime:
        return lead_time(occ.starts_at, days, at, tz)

    announce = lead(leads.announce_days)
    if occ.cancelled:
        return [PlannedPost(f"{occ.key}:cancellation", "cancellation", announce, occ.starts_at)]
    posts = [
        PlannedPost(f"{occ.key}:announcement", "announcement", announce, closes_at(occ)),
        PlannedPost(f"{occ.key}:reminder", "reminder", lead(leads.remind_days), occ.starts_at),
    ]
    if leads.places_left_days is not None:
        posts.append(PlannedPost(f"{occ.key}:places-left", "places_left",
                                 lead(leads.places_left_days), closes_at(occ),
                                 follows=f"{occ.key}:announcement"))
    if s.unconference is not None:
        agenda_at = lead(s.unconference.agenda_days)
        posts.append(PlannedPost(f"{occ.key}:topics-call", "topics_call",
                                 lead(s.unconference.call_days), agenda_at))
        posts.append(PlannedPost(f"{occ.key}:agenda", "agenda", agenda_at, occ.starts_at))
    if leads.attendance_days is not None:
        posts.append(call_plan(occ.key, occ.starts_at, occ.ends_at, leads.attendance_days, at, tz))
    return posts


def window(series: EventSeries, now: datetime, tz: ZoneInfo) -> tuple[date, date]:
    """Local dates worth looking at now: from the attendance call's reach back (at least
    yesterday) up to the longest lead time ahead."""
    today = now.astimezone(tz).date()
    longest = series.leads.announce_days
    if series.unconference:
        longest = max(longest, series.unconference.call_days)
    back = 1 + (series.leads.attendance_days or 0)
    return today - timedelta(days=back), today + timedelta(days=longest + 1)


def in_reach(occ: Occurrence, post: PlannedPost, today: date) -> bool:
    """Before yesterday only the attendance call still matters (the window reaches back
    further for it alone, so older posts are not newly reported as missed)."""
    return occ.day >= today - timedelta(days=1) or post.kind == "attendance_call"


@dataclass(frozen=True)
class Topic:
    """A proposal with its votes."""

    title: str
    votes: int
    proposer: dict[str, Any]
    created_at: datetime
    comment_id: int


def rank_topics(topics: list[Topic], top: int) -> list[Topic]:
    """Most votes first; ties go to the earlier proposal."""
    return sorted(topics, key=lambda x: (-x.votes, x.created_at, x.comment_id))[:top]


# ---- template contexts (also used by `check` and `preview`) ---------------------------------


def occurrence_context(occ: Occurrence) -> dict[str, Any]:
    """What every event template gets."""
    return {"event": occ.series, "occurrence": occ, "closes_at": closes_at(occ)}


# ---- the planner ----------------------------------------------------------------------------


def plan(ctx: JobContext) -> None:
    """Post whatever is due now for every event series."""
    if not ctx.config.events:
        return
    today = ctx.now.astimezone(ctx.tz).date()
    planned = [
        (occ, post)
        for series in ctx.config.events
        for occ in series.occurrences(*window(series, ctx.now, ctx.tz), ctx.tz)
        for post in event_plan(occ)
        if in_reach(occ, post, today)
    ]
    by_key = {post.key: occ for occ, post in planned}
    # One query per cycle, however many series.
    done = posting.finished_times(ctx, list(by_key))
    owed = catch_up([p for _, p in planned], ctx.now, done)
    if not owed.due and not owed.missed:
        return  # an idle cycle costs no requests
    failed: list[str] = []
    for post in owed.missed:  # its moment has passed: skip it and tell staff once
        posting.isolated(ctx, post.key, failed,
                         lambda p=post: _report_missed(ctx, by_key[p.key], p))
    due = [(by_key[p.key], p) for p in owed.due]
    net = posting.network(ctx) if due else None
    for occ, post in due:
        posting.isolated(ctx, post.key, failed, lambda o=occ, p=post: _carry_out(ctx, net, o, p))
    if failed:
        raise posting.PlanFailed("events", failed)


KIND_WORDS = {"announcement": "the announcement", "reminder": "the reminder",
              "places_left": "the “places left” nudge", "cancellation": "the cancellation notice",
              "topics_call": "the call for topics", "agenda": "the agenda",
              "attendance_call": "the thank-you (asking who came)"}


def _report_missed(ctx: JobContext, occ: Occurrence, post: PlannedPost) -> None:
    what = (f"{KIND_WORDS.get(post.kind, post.kind)} for {occ.series.title} on "
            f"{ctx.renderer.uk_date(occ.starts_at)}")
    outcome = posting.report_missed(ctx, post, what)
    if outcome and not ctx.dry_run:
        posting.finish(ctx, post.key, post.kind, outcome)


def _carry_out(ctx: JobContext, net: posting.Place, occ: Occurrence, post: PlannedPost) -> None:
    steps = {
        "announcement": _announce,
        "reminder": _remind,
        "places_left": _places_left,
        "cancellation": _cancel,
        "topics_call": _topics_call,
        "agenda": _agenda,
        "attendance_call": _attendance_call,
    }
    outcome = steps[post.kind](ctx, net, occ)
    if outcome and not ctx.dry_run:
        posting.finish(ctx, post.key, post.kind, outcome)


def _announce(ctx: JobContext, net: posting.Place, occ: Occurrence) -> str | None:
    from bot.config.signups import SignupRules
    from bot.jobs.signups import PLACES_MARKER, open_signup_thread

    s = occ.series
    context = occurrence_context(occ) | {"places_line": PLACES_MARKER}
    subject, body = ctx.renderer.render_post(s.announcement_template, **context)
    first = body.replace(PLACES_MARKER, posting.initial_places_line(s.capacity))
    message = ctx.outbox.create_message(f"{occ.key}:announcement", net.board_id, subject, first)
    where = posting.where_html(s.link, s.venue)
    entry = ctx.outbox.create_schedule_entry(
        f"{occ.key}:schedule", net.schedule_id, s.title, occ.starts_at, occ.ends_at,
        description=where,
    )
    if message is None:  # dry run
        return None
    rules = SignupRules(capacity=s.capacity, closes_at=closes_at(occ), waitlist=s.waitlist)
    open_signup_thread(
        ctx, occ.key, message, net.project_id, rules, announcement_subject=subject,
        announcement_html=body, schedule_entry_id=getattr(entry, "id", None), title=s.title,
    )
    return "posted"


def _announcement_id(ctx: JobContext, occ: Occurrence) -> int | None:
    rec = ctx.outbox.done(f"{occ.key}:announcement")
    return rec.id if rec else None


def _remind(ctx: JobContext, net: posting.Place, occ: Occurrence) -> str | None:
    message_id = _announcement_id(ctx, occ)
    people = posting.roster_people(ctx, occ.key, net.project_id)
    if message_id is None or not people:
        return "skipped"
    body = ctx.renderer.render("event_reminder", **occurrence_context(occ), people=people)
    done = ctx.outbox.create_comment(f"{occ.key}:reminder", message_id, body)
    return "posted" if done is not None else None


def _attendance_call(ctx: JobContext, net: posting.Place, occ: Occurrence) -> str | None:
    from bot.jobs.attendance import post_call

    message_id = _announcement_id(ctx, occ)
    if message_id is None:
        return "skipped"  # never announced: no thread to thank people on
    body = ctx.renderer.render("event_thanks", **occurrence_context(occ))
    return post_call(ctx, occ.key, message_id, occ.ends_at, body)


def _places_left(ctx: JobContext, net: posting.Place, occ: Occurrence) -> str | None:
    rec = ctx.outbox.done(f"{occ.key}:announcement")
    if rec is None:
        return "skipped"
    left = occ.series.capacity - len(posting.roster(ctx, occ.key))
    if left <= 0:
        return "skipped"
    subject, body = ctx.renderer.render_post(
        "places_left", **occurrence_context(occ), places_left=left,
        announcement_url=rec.app_url or rec.url or "",
    )
    done = ctx.outbox.create_message(f"{occ.key}:places-left", net.board_id, subject, body)
    return "posted" if done is not None else None


def _cancel(ctx: JobContext, net: posting.Place, occ: Occurrence) -> str | None:
    message_id = _announcement_id(ctx, occ)
    if message_id is None:
        return "skipped"  # never announced: nobody to tell
    people = posting.roster_people(ctx, occ.key, net.project_id)
    body = ctx.renderer.render("cancellation_notice", **occurrence_context(occ),
                               people=people, reason=occ.reason)
    done = ctx.outbox.create_comment(f"{occ.key}:cancellation", message_id, body)
    entry = ctx.outbox.done(f"{occ.key}:schedule")
    if entry is not None and entry.id is not None:
        # Basecamp's PUT replaces the whole entry: start from what it holds now (its times
        # verbatim, all-day flag) and change only the title and the note.
        try:
            current = ctx.client.schedule_entry(entry.id)
        except NotFound:  # staff removed the entry already: nothing to mark
            current = None
        notice = f"<div>Cancelled.{' ' + escape(occ.reason) if occ.reason else ''}</div>"
        if current is not None:
            ctx.outbox.update_schedule_entry(
                f"{occ.key}:schedule:cancelled", entry.id,
                **current.replacement(summary=f"Cancelled: {occ.series.title}",
                                      description=notice),
            )
    if done is not None:
        ctx.reader.unwatch(message_id)  # no more sign-ups for a cancelled event
    return "posted" if done is not None else None


def _topics_call(ctx: JobContext, net: posting.Place, occ: Occurrence) -> str | None:
    u = occ.series.unconference
    assert u is not None
    agenda_at = lead_time(occ.starts_at, u.agenda_days, occ.series.leads.post_time,
                          occ.starts_at.tzinfo)
    subject, body = ctx.renderer.render_post(
        "unconference_call", **occurrence_context(occ), agenda_at=agenda_at, top=u.top)
    message = ctx.outbox.create_message(f"{occ.key}:topics-call", net.board_id, subject, body)
    if message is None:
        return None
    ctx.reader.watch(message.id, net.project_id, TOPIC_KIND, occ.key)
    return "posted"


def _agenda(ctx: JobContext, net: posting.Place, occ: Occurrence) -> str | None:
    u = occ.series.unconference
    assert u is not None
    call = ctx.outbox.done(f"{occ.key}:topics-call")
    if call is not None and call.id is not None:
        _sync_topics(ctx, call.id, occ.key)
    topics = rank_topics(_topics_with_votes(ctx, occ.key), u.top) if call else []
    subject, body = ctx.renderer.render_post(
        "unconference_agenda", **occurrence_context(occ), topics=topics)
    done = ctx.outbox.create_message(f"{occ.key}:agenda", net.board_id, subject, body)
    if done is None:
        return None
    if call is not None and call.id is not None:
        ctx.reader.unwatch(call.id)
    return "posted"


def _sync_topics(ctx: JobContext, call_id: int, event_key: str) -> None:
    """Bring the proposals up to date from the thread itself (the poll may not have run yet)."""
    live = [c for c in ctx.client.comments(call_id) if is_member(c.creator, ctx.me.id)]
    with ctx.store.transaction() as conn:
        known = {row["comment_id"] for row in t.topics_for(conn, event_key)}
        for comment in live:
            _save(conn, comment, event_key, trashed=False)
        for gone in known - {c.id for c in live}:
            t.mark_trashed(conn, gone)


def _save(conn: Any, comment: Any, event_key: str, trashed: bool) -> None:
    from bot.jobs.ideas import topic_vote

    if topic_vote(conn, comment, event_key, trashed):
        return  # "+1" / "me too": a vote for a topic above, not a topic of its own
    title = topic_title(comment.content)
    creator = comment.creator
    t.save_topic(
        conn, comment_id=comment.id, event_key=event_key, proposer_id=creator.id,
        proposer_name=creator.name, proposer_sgid=creator.attachable_sgid,
        title=title or "(no title)", created_at=comment.created_at,
        trashed=trashed or not title,
    )


def _topics_with_votes(ctx: JobContext, event_key: str) -> list[Topic]:
    from bot.jobs.ideas import reply_voters

    with ctx.store.transaction() as conn:
        rows = t.topics_for(conn, event_key)
        plus_ones = reply_voters(conn, event_key)
    topics = []
    for row in rows:
        boosters = {
            b.booster.id for b in ctx.client.boosts(row["comment_id"])
            if is_member(b.booster, ctx.me.id) and b.booster.id != row["proposer_id"]
        } | (plus_ones.get(row["comment_id"], set()) - {row["proposer_id"]})
        proposer = {"name": row["proposer_name"], "attachable_sgid": row["proposer_sgid"]}
        topics.append(Topic(row["title"], len(boosters), proposer, row["created_at"],
                            row["comment_id"]))
    return topics


# ---- replies to a call for topics -----------------------------------------------------------


def topic_title(html: str | None) -> str:
    """The proposal as one short line of plain text (escaped again when rendered)."""
    text = " ".join(html_to_text(html or "").split())
    if len(text) > TOPIC_MAX_CHARS:
        text = text[: TOPIC_MAX_CHARS - 1].rstrip() + "…"
    return text


@register(TOPIC_KIND)
def handle_topic_reply(ctx: JobContext, change: ReplyChange) -> None:
    """Record (or update, or drop) one topic proposal."""
    comment = change.comment
    with ctx.store.transaction() as conn:
        _save(conn, comment, change.thread.key, trashed=change.change == "trashed")
    ctx.log.info("events: %s topic from comment %s %s", change.thread.key, comment.id,
                 change.change)


if plan not in PLANNERS:
    PLANNERS.append(plan)
