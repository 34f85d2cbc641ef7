"""The cohort joins the network: at the course's end, participants who are not yet network
members get access to the network project and a welcome there; the last reflection session's
follow-up invites the cohort to the network's next event. `join_network: false` on a cohort
turns both off. Outbox keys: `cohort:<key>:network:access`, `cohort:<key>:network:welcome`.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from bot.core.calendar import LONDON, PlannedPost, local_datetime
from bot.jobs import posting
from bot.render import register_sample

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from bot.config.cohorts import Cohort
    from bot.jobs.context import JobContext

log = logging.getLogger(__name__)
# Events further ahead than this are not "next": the follow-up would invite people to a date
# nobody plans for yet.
NEXT_EVENT_WITHIN = timedelta(days=120)


def network_posts(c: Cohort, tz: ZoneInfo) -> list[PlannedPost]:
    """The welcome into the network: the morning after the course ends, for a fortnight."""
    if not c.join_network:
        return []
    from bot.jobs.cohorts import MORNING

    due = local_datetime(c.course_end, MORNING, tz)
    return [PlannedPost(f"cohort:{c.key}:network", "join_network", due, due + timedelta(days=14))]


def join_network(ctx: JobContext, c: Cohort, post: PlannedPost) -> str | None:
    """Give the cohort's newcomers access to the network project and welcome them there."""
    from bot.jobs.cohorts import _participants_in, cohort_place

    place = cohort_place(ctx, c)
    if place is None:
        return "skipped"  # the cohort never got a project: nobody to welcome
    net = posting.network(ctx)
    cohort_people = _participants_in(ctx, c, place)
    members = {p.id for p in ctx.client.project_people(net.project_id)}
    k = f"cohort:{c.key}:network"
    if ctx.outbox.done(f"{k}:access") is None:
        newcomers = [p for p in cohort_people if p.id not in members]
        if not newcomers:
            return "skipped"
        ctx.outbox.update_project_access(f"{k}:access", net.project_id,
                                         grant=sorted(p.id for p in newcomers))
    else:
        # Access was given on an earlier run that stopped before the welcome: the newcomers
        # are members now, so welcome the whole cohort rather than nobody.
        newcomers = [p for p in cohort_people if p.id in members] or cohort_people
    subject, body = ctx.renderer.render_post(
        "network_welcome", cohort=c, network=ctx.config.network, people=newcomers,
        next_event=next_event(ctx, ctx.now))
    done = ctx.outbox.create_message(f"{k}:welcome", net.board_id, subject, body)
    log.info("cohorts: %s: %d participants welcomed into the network", c.key, len(newcomers))
    return "posted" if done is not None else None


def next_event(ctx: JobContext, after: datetime) -> dict[str, Any] | None:
    """The network's next event after `after` (title, start, link to its announcement)."""
    found = []
    start = after.astimezone(ctx.tz).date()
    for series in ctx.config.events or ():
        for occ in series.occurrences(start, start + NEXT_EVENT_WITHIN, ctx.tz):
            if not occ.cancelled and occ.starts_at > after:
                found.append(occ)
    if not found:
        return None
    occ = min(found, key=lambda o: o.starts_at)
    posted = ctx.outbox.done(f"{occ.key}:announcement")
    url = (posted.app_url or posted.url) if posted is not None else None
    return {"title": occ.series.title, "starts_at": occ.starts_at, "url": url}


def followup_extras(ctx: JobContext, c: Cohort, number: int) -> dict[str, Any]:
    """For the last session's follow-up: the network's next event to invite the cohort to."""
    if not c.join_network or number != len(c.sessions(ctx.tz)):
        return {"next_event": None}
    return {"next_event": next_event(ctx, ctx.now)}


@register_sample("network_welcome")
def _sample(config: Any) -> dict[str, Any]:
    from bot.render_samples import ADA, GRACE, SAMPLE_COHORT

    cohorts = getattr(config, "cohorts", None) or []
    network = getattr(config, "network", None) or {"name": "Women's Digital Leaders Network"}
    nxt = {"title": "Lunch and learn", "url": "https://3.basecamp.com/1/buckets/2/messages/3",
           "starts_at": local_datetime(SAMPLE_COHORT.course_end, time(12, 30), LONDON)}
    return {"cohort": cohorts[0] if cohorts else SAMPLE_COHORT, "network": network,
            "people": [ADA, GRACE], "next_event": nxt}

