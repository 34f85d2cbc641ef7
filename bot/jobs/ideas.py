"""Members shape what LOTI does next: the ideas call, votes, digests and taking ideas up.

A call goes to the network's message board on each configured date ("What should LOTI work
on next?"). Each reply that proposes something is an idea (numbered within its round and
boosted "💡 Idea N"); a "+1" / "me too" reply or a boost is a vote (bot.core.ideas). After
`staff_digest_after_days` a ranked digest goes to the staff project, where staff reply
"take up N"; after `network_summary_after_days` a short "what you've proposed so far" goes on
the call. Outbox keys: `ideas:<date>:call|digest|summary`, `ideas:ack:<comment>`,
`ideas:<date>:taken:<idea>`, `ideas:<date>:digest:reply:<comment>|ack:<comment>`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, delete, func, select, update

from bot.basecamp.models import is_member
from bot.basecamp.richtext import html_to_text, text_parts
from bot.core.calendar import PlannedPost, local_datetime
from bot.core.ideas import IdeaRef, RankedIdea, count_votes, is_vote, rank, read_take_up
from bot.core.ideas import vote_target as find_target
from bot.jobs import planner, poll, posting
from bot.render import register_sample
from bot.store.db import upsert
from bot.store.programme_tables import idea_votes as iv
from bot.store.programme_tables import ideas as it

if TYPE_CHECKING:
    from bot.config.ideas import IdeasConfig
    from bot.jobs.context import JobContext
    from bot.threads import ReplyChange

log = logging.getLogger(__name__)
KIND = "ideas"
DIGEST_KIND = "ideas_digest"
POST_LIFE = timedelta(days=7)  # a post missed by more than this (downtime) is skipped


def round_key(day: date) -> str:
    return f"ideas:{day.isoformat()}"


def ideas_plan(cfg: IdeasConfig, now: datetime, tz: Any) -> list[PlannedPost]:
    """Every call, digest and summary that may be due around `now`."""
    today = now.astimezone(tz).date()
    posts = []
    for day in cfg.call_dates(today - cfg.lasts() - POST_LIFE, today):
        k = round_key(day)
        at = local_datetime(day, cfg.post_time, tz)
        digest = at + timedelta(days=cfg.staff_digest_after_days)
        summary = at + timedelta(days=cfg.network_summary_after_days)
        posts += [PlannedPost(f"{k}:call", "ideas_call", at, at + POST_LIFE),
                  PlannedPost(f"{k}:digest", "ideas_digest", digest, digest + POST_LIFE),
                  PlannedPost(f"{k}:summary", "ideas_summary", summary, summary + POST_LIFE)]
    return posts


def plan(ctx: JobContext) -> None:
    """Post whatever ideas post is due now."""
    cfg = ctx.config.ideas
    if cfg is None:
        return
    planned = ideas_plan(cfg, ctx.now, ctx.tz)
    failed: list[str] = []
    for post in posting.due_now(ctx, planned):
        posting.isolated(ctx, post.key, failed, lambda p=post: _carry_out(ctx, cfg, p))
    if failed:
        raise posting.PlanFailed("ideas", failed)


def _carry_out(ctx: JobContext, cfg: IdeasConfig, post: PlannedPost) -> None:
    rk = post.key.rsplit(":", 1)[0]
    outcome = {"ideas_call": _call, "ideas_digest": _digest, "ideas_summary": _summary}[
        post.kind](ctx, cfg, rk, post)
    if outcome and not ctx.dry_run:
        posting.finish(ctx, post.key, post.kind, outcome)


def _call(ctx: JobContext, cfg: IdeasConfig, rk: str, post: PlannedPost) -> str | None:
    net = posting.network(ctx)
    closes = post.due_at + timedelta(days=cfg.staff_digest_after_days)
    subject, body = ctx.renderer.render_post(cfg.template, network=ctx.config.network,
                                             closes_at=closes)
    message = ctx.outbox.create_message(post.key, net.board_id, subject, body)
    if message is None:
        return None
    ctx.reader.watch(int(message.id), net.project_id, KIND, rk)
    return "posted"


def _digest(ctx: JobContext, cfg: IdeasConfig, rk: str, post: PlannedPost) -> str | None:
    call = ctx.outbox.done(f"{rk}:call")
    if call is None:
        return "skipped"
    sync_boosts(ctx, rk)
    place = posting.place_of(posting.find_project(ctx, cfg.staff_project))
    subject, body = ctx.renderer.render_post(
        "ideas_digest", ideas=ranked(ctx, rk), call_url=call.app_url or call.url or "",
        as_of=post.due_at)
    message = ctx.outbox.create_message(post.key, place.board_id, subject, body)
    if message is None:
        return None
    ctx.reader.watch(int(message.id), place.project_id, DIGEST_KIND, rk)
    return "posted"


def _summary(ctx: JobContext, cfg: IdeasConfig, rk: str, post: PlannedPost) -> str | None:
    call = ctx.outbox.done(f"{rk}:call")
    if call is None or call.id is None:
        return "skipped"
    sync_boosts(ctx, rk)
    ideas = ranked(ctx, rk)
    body = ctx.renderer.render("ideas_summary", ideas=ideas[: cfg.top], more=len(ideas) - cfg.top)
    done = ctx.outbox.create_comment(post.key, call.id, body)
    return "posted" if done is not None else None


# ---- the store's view of a round ------------------------------------------------------------


@dataclass(frozen=True)
class IdeaRow:
    """An idea with its votes, for digests, exports and the staff digest."""

    round_key: str
    number: int
    title: str
    votes: int
    state: str
    proposer: str
    proposer_id: int
    proposer_sgid: str | None
    comment_id: int
    created_at: datetime
    taken_up_at: datetime | None


def idea_rows(ctx: Any, rk: str | None = None) -> list[IdeaRow]:
    """Every current idea (of one round, or all), with its votes, ranked within each round."""
    me = getattr(getattr(ctx, "me", None), "id", None)
    with ctx.store.transaction() as conn:
        q = select(it).where(it.c.trashed.is_(False))
        if rk is not None:
            q = q.where(it.c.round_key == rk)
        ideas = list(conn.execute(q))
        votes = list(conn.execute(select(iv.c.idea_comment_id, iv.c.voter_id)
                                  .where(iv.c.trashed.is_(False))))
    voters: dict[int, list[int]] = {}
    for v in votes:
        voters.setdefault(v.idea_comment_id, []).append(v.voter_id)
    rows = [IdeaRow(i.round_key, i.number, i.title,
                    count_votes(i.proposer_id, voters.get(i.comment_id, []), me), i.state,
                    i.proposer_name, i.proposer_id, i.proposer_sgid, i.comment_id,
                    i.created_at, i.taken_up_at) for i in ideas]
    out: list[IdeaRow] = []
    for key in sorted({r.round_key for r in rows}):
        in_round = [r for r in rows if r.round_key == key]
        ranking = rank(RankedIdea(r.number, r.title, r.votes, r.state, r.proposer, r.created_at)
                       for r in in_round)
        by_number = {r.number: r for r in in_round}
        out += [by_number[x.number] for x in ranking]
    return out


def ranked(ctx: Any, rk: str) -> list[IdeaRow]:
    return idea_rows(ctx, rk)


def sync_boosts(ctx: JobContext, rk: str) -> None:
    """Bring boost votes up to date from Basecamp (one GET per idea, at digest time)."""
    with ctx.store.transaction() as conn:
        ideas = list(conn.execute(select(it).where(it.c.round_key == rk,
                                                   it.c.trashed.is_(False))))
    for idea in ideas:
        live = {}
        for b in ctx.client.boosts(idea.comment_id):
            if is_member(b.booster, ctx.me.id):
                live[f"boost:{b.id}"] = b.booster.id
        with ctx.store.transaction() as conn:
            conn.execute(delete(iv).where(and_(iv.c.idea_comment_id == idea.comment_id,
                                               iv.c.ref.like("boost:%"),
                                               iv.c.ref.not_in(list(live) or [""]))))
            for ref, voter in live.items():
                upsert(conn, iv, {"ref": ref, "round_key": rk,
                                  "idea_comment_id": idea.comment_id, "voter_id": voter,
                                  "trashed": False}, ["ref"])


# ---- replies to a call ----------------------------------------------------------------------


def save_vote_reply(conn: Any, rk: str, comment: Any, ideas: list[IdeaRef]) -> bool:
    """Record a "+1" reply as a vote for the idea it backs; False if it backs nothing."""
    parts = text_parts(comment.content or "")
    target = find_target(parts.quotes, comment.created_at, ideas)
    if target is None:
        return False
    upsert(conn, iv, {"ref": f"comment:{comment.id}", "round_key": rk,
                      "idea_comment_id": target, "voter_id": comment.creator.id,
                      "trashed": False}, ["ref"])
    return True


def reply_is_vote(comment: Any) -> bool:
    """Whether a reply only agrees with an idea already there (quotes and signature aside)."""
    return is_vote(text_parts(comment.content or "").text, getattr(comment.creator, "name", None))


@poll.register(KIND)
def handle_idea_reply(ctx: JobContext, change: ReplyChange) -> None:
    """A reply to an ideas call: a new idea, a vote, or (trashed) neither any more."""
    comment = change.comment
    rk = change.thread.key
    if not is_member(comment.creator, ctx.me.id):
        return
    trashed = change.change == "trashed" or getattr(comment, "status", "") == "trashed"
    with ctx.store.transaction() as conn:
        conn.execute(update(iv).where(iv.c.ref == f"comment:{comment.id}").values(trashed=True))
        existing = conn.execute(select(it).where(it.c.comment_id == comment.id)).first()
        if trashed:
            conn.execute(update(it).where(it.c.comment_id == comment.id).values(trashed=True))
            return
        if reply_is_vote(comment):
            if existing is not None:  # edited down to a "+1": no longer an idea
                conn.execute(update(it).where(it.c.comment_id == comment.id)
                             .values(trashed=True))
            others = [IdeaRef(r.comment_id, r.title, r.created_at) for r in conn.execute(
                select(it).where(it.c.round_key == rk, it.c.trashed.is_(False)))]
            save_vote_reply(conn, rk, comment, others)
            return
        title = idea_title(comment.content)
        if not title:
            return
        number = existing.number if existing is not None else 1 + (conn.execute(
            select(func.max(it.c.number)).where(it.c.round_key == rk)).scalar() or 0)
        upsert(conn, it, {"comment_id": comment.id, "round_key": rk, "number": number,
                          "proposer_id": comment.creator.id,
                          "proposer_name": comment.creator.name,
                          "proposer_sgid": comment.creator.attachable_sgid, "title": title,
                          "created_at": comment.created_at, "trashed": False,
                          "state": existing.state if existing is not None else "open"},
               ["comment_id"])
    ctx.outbox.create_boost(f"ideas:ack:{comment.id}", comment.id, f"💡 Idea {number}")


def idea_title(html: str | None, limit: int = 200) -> str:
    """The idea as one short line of plain text (escaped again when rendered)."""
    text = " ".join(html_to_text(html or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ---- staff replies on the digest ------------------------------------------------------------


def staff_emails(ctx: JobContext) -> set[str]:
    cfg = ctx.config.ideas
    if cfg is not None and cfg.staff:
        return set(cfg.staff)
    return {s.email for s in ctx.config.network.staff}


@poll.register(DIGEST_KIND)
def handle_digest_reply(ctx: JobContext, change: ReplyChange) -> None:
    """Staff reply "take up N" on the digest; anything else is answered, never guessed at."""
    comment = change.comment
    rk = change.thread.key
    if change.change == "trashed" or not is_member(comment.creator, ctx.me.id):
        return
    email = (comment.creator.email_address or "").strip().lower()
    if email not in staff_emails(ctx):
        log.info("ideas: %s: digest reply %s is not from configured staff; ignored", rk,
                 comment.id)
        return
    numbers = read_take_up(html_to_text(comment.content or ""))
    digest = change.thread.recording_id
    if numbers is None:
        body = ctx.renderer.render("ideas_reply", kind="not_acted", unknown=[], idea=None)
        ctx.outbox.create_comment(f"{rk}:digest:reply:{comment.id}", digest, body)
        return
    with ctx.store.transaction() as conn:
        found = {r.number: r for r in conn.execute(select(it).where(
            it.c.round_key == rk, it.c.number.in_(numbers), it.c.trashed.is_(False)))}
    unknown = [n for n in numbers if n not in found]
    if unknown:  # act on none: staff may have mistyped the whole list
        body = ctx.renderer.render("ideas_reply", kind="not_acted", unknown=unknown, idea=None)
        ctx.outbox.create_comment(f"{rk}:digest:reply:{comment.id}", digest, body)
        return
    call = ctx.outbox.done(f"{rk}:call")
    for n in numbers:
        idea = found[n]
        with ctx.store.transaction() as conn:
            conn.execute(update(it).where(it.c.comment_id == idea.comment_id, it.c.state == "open")
                         .values(state="taken_up", taken_up_at=comment.created_at))
        if call is not None and call.id is not None:
            body = ctx.renderer.render("ideas_reply", kind="taken_up", unknown=[], idea={
                "title": idea.title, "number": idea.number,
                "proposer": {"name": idea.proposer_name,
                             "attachable_sgid": idea.proposer_sgid}})
            ctx.outbox.create_comment(f"{rk}:taken:{idea.comment_id}", call.id, body)
    ctx.outbox.create_boost(f"{rk}:digest:ack:{comment.id}", comment.id, "✅ Taken up")
    log.info("ideas: %s: ideas %s taken up", rk, numbers)


if plan not in planner.PLANNERS:
    planner.PLANNERS.append(plan)


# ---- samples for `loti-bot check` -----------------------------------------------------------

_NOW = datetime(2027, 1, 18, 9, 0)
_SAMPLE_IDEAS = [
    IdeaRow("ideas:2027-01-04", 2, "Shared cyber security training", 5, "open", "Grace Lim",
            2, "SAMPLE-2", 12, _NOW, None),
    IdeaRow("ideas:2027-01-04", 1, "Open data standards across boroughs", 3, "taken_up",
            "Ada Okafor", 1, "SAMPLE-1", 11, _NOW, _NOW),
]


@register_sample("ideas_call")
def _sample_call(config: Any) -> dict[str, Any]:
    network = getattr(config, "network", None) or {"name": "Women's Digital Leaders Network"}
    return {"network": network, "closes_at": _NOW}


@register_sample("ideas_digest")
def _sample_digest(config: Any) -> dict[str, Any]:
    return {"ideas": _SAMPLE_IDEAS, "call_url": "https://3.basecamp.com/1/buckets/2/messages/3",
            "as_of": _NOW}


@register_sample("ideas_summary")
def _sample_summary(config: Any) -> dict[str, Any]:
    return {"ideas": _SAMPLE_IDEAS, "more": 0}


@register_sample("ideas_reply")
def _sample_reply(config: Any) -> dict[str, Any]:
    idea = {"title": "Open data standards", "number": 1,
            "proposer": {"name": "Ada Okafor", "attachable_sgid": "SAMPLE-1"}}
    return {"kind": "taken_up", "unknown": [], "idea": idea}


# ---- the same rule on an unconference call for topics (bot.jobs.events) ---------------------


def topic_vote(conn: Any, comment: Any, event_key: str, trashed: bool) -> bool:
    """A "+1" reply on a call for topics: record it as a vote; True when it was one."""
    from bot.store import events_tables as et

    ref = f"comment:{comment.id}"
    conn.execute(update(iv).where(iv.c.ref == ref).values(trashed=True))
    if trashed or not reply_is_vote(comment):
        return False
    topics = [IdeaRef(r["comment_id"], r["title"], r["created_at"])
              for r in et.topics_for(conn, event_key) if r["comment_id"] != comment.id]
    save_vote_reply(conn, event_key, comment, topics)
    et.mark_trashed(conn, comment.id)  # if it was read as a topic before an edit
    return True


def reply_voters(conn: Any, key: str) -> dict[int, set[int]]:
    """People who backed each idea or topic of `key` with a "+1" reply."""
    out: dict[int, set[int]] = {}
    rows = conn.execute(select(iv.c.idea_comment_id, iv.c.voter_id).where(
        iv.c.round_key == key, iv.c.trashed.is_(False), iv.c.ref.like("comment:%")))
    for r in rows:
        out.setdefault(r.idea_comment_id, set()).add(r.voter_id)
    return out
