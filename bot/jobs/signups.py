"""The sign-up job: read replies on sign-up threads, keep the ledger, tell people where they stand.

fetch (ThreadReader gives each new/edited/trashed reply) -> decide (core.replies reads it,
core.ledger recomputes the thread) -> save (signup tables) -> post (Outbox, deterministic keys).

Per reply (the poll handler): one acknowledgement (a boost, or a comment where more is
needed); a question passed to the staff contact; a mentioned colleague invited to reply.
Per thread, once per cycle (after the poll, and from the planner so deadlines pass even when
nobody replies): promotions announced, the live places line and the schedule entry's
participants updated, each only when it changed.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.basecamp.richtext import html_to_text
from bot.config.signups import SignupRules
from bot.core.ledger import HOLDS_PLACE, Ledger, Outcome
from bot.core.replies import ReplyContext, ReplyReading, classify
from bot.jobs import planner, poll
from bot.jobs.signups_acks import ack_for, acknowledge, comment_body, first_name, invite_colleagues
from bot.jobs.signups_state import (
    cache_of,
    organisation_of,
    ref_of,
    remember,
    thread_ledger,
    thread_rows,
    who_of,
)
from bot.jobs.signups_upkeep import participant_ids, retire_if_finished
from bot.store import signups_repo as repo

if TYPE_CHECKING:
    from bot.jobs.context import JobContext
    from bot.threads import ReplyChange

log = logging.getLogger(__name__)

PLACES_MARKER = "%%PLACES%%"
KIND = "signup"


@dataclass(frozen=True)
class SignupRow:
    """One person on a sign-up thread, for exports, reminders and cohort participants."""

    person_id: int | None
    name: str
    email: str | None
    organisation: str | None
    org_known: bool
    status: str
    waitlist_position: int | None
    replied_at: datetime | None
    link: str | None
    sgid: str | None = None
    funded_by: str | None = None  # "loti" or an organisation key, on funded cohorts


# ---- opening a thread -------------------------------------------------------------------


def open_signup_thread(
    ctx: JobContext,
    key: str,
    message: Any,
    project_id: int,
    rules: SignupRules,
    announcement_subject: str,
    announcement_html: str,
    schedule_entry_id: int | None,
    title: str,
) -> None:
    """Start taking sign-ups from replies to `message` (the announcement just posted)."""
    if PLACES_MARKER not in announcement_html:
        raise ValueError(f"sign-up announcement {key!r} has no {PLACES_MARKER} for the live line")
    initial = Ledger(capacity=rules.capacity).line()
    with ctx.store.transaction() as conn:
        repo.save_thread(
            conn,
            {
                "key": key,
                "recording_id": int(message.id),
                "project_id": int(project_id),
                "title": title,
                "rules": rules.model_dump_json(),
                "subject": announcement_subject,
                "announcement_html": announcement_html,
                "schedule_entry_id": schedule_entry_id,
                "opened_at": ctx.now,
                "line": initial,
            },
        )
    ctx.reader.watch(int(message.id), int(project_id), KIND, key)
    log.info("signups: %s: watching replies on message %s", key, message.id)


@poll.register(KIND)
def handle_signup_reply(ctx: JobContext, change: ReplyChange) -> None:
    """Read one new, edited or trashed reply and acknowledge what it did."""
    comment = change.comment
    with ctx.store.transaction() as conn:
        thread = repo.thread(conn, change.thread.key)
    if thread is None:
        log.warning(
            "signups: reply %s is on an unknown sign-up thread %s", comment.id, change.thread.key
        )
        return
    rules = SignupRules.model_validate_json(thread.rules)
    cache_of(ctx).setdefault("changed", set()).add(thread.key)
    if change.change == "trashed" or getattr(comment, "status", "") == "trashed":
        with ctx.store.transaction() as conn:
            repo.trash_reply(conn, comment.id)
        remember(ctx, thread.key, comment.id, None)
        acknowledge(ctx, thread, comment.id, "", "none", "")
        log.info("signups: %s: reply %s trashed; its effect is withdrawn", thread.key, comment.id)
        return
    creator = comment.creator
    if creator is None or creator.id == ctx.me.id:
        return
    rows = thread_rows(ctx, thread.key)
    previous = next((r for r in rows if r.comment_id == comment.id), None)
    others = [r for r in rows if r.comment_id != comment.id]
    before = None
    if any(r.person_id == creator.id for r in others) or cache_of(ctx)[("staff", thread.key)]:
        before = thread_ledger(ctx, thread, rules, others).people.get(who_of(creator.id))
    reading = classify(
        comment.content or "",
        ctx.config.replies,
        ReplyContext(
            announcement=f"{thread.subject}\n{html_to_text(thread.announcement_html)}",
            had_place=before is not None and before.status in HOLDS_PLACE,
            staff_names=frozenset(s.name for s in ctx.config.network.staff),
        ),
    )
    row = _save_reading(ctx, thread, comment, previous, reading)
    ledger = thread_ledger(ctx, thread, rules)
    ref = ref_of(comment.id)
    outcome = ledger.outcomes.get(ref, Outcome("noted"))
    person = ledger.people.get(who_of(creator.id))
    if (
        outcome.kind == "waitlisted"
        and person is not None
        and person.status == "confirmed"
        and person.place_ref == ref
    ):
        outcome = Outcome("confirmed")  # waited, then promoted: say where they are now
    elif outcome.kind in HOLDS_PLACE and (person is None or person.status not in HOLDS_PLACE):
        # A later staff removal or reply has taken the place away: never a stale "you're in".
        status = person.status if person is not None else "noted"
        outcome = Outcome(status if status in ("withdrawn", "declined", "maybe") else "noted")
    log.info(
        "signups: %s: reply %s read as %s -> %s",
        thread.key,
        comment.id,
        reading.intent,
        outcome.kind,
    )
    kind, label = ack_for(outcome)
    told = cache_of(ctx)[("acks", thread.key)].get(comment.id)
    if outcome.kind == "confirmed" and told is not None and told.label.startswith("⏳"):
        # Told they were waiting, now promoted: leave the boost to the promotion step,
        # which mentions them; replacing it here would make them miss the news.
        kind, label = told.kind, told.label
    content = comment_body(ctx, thread, rules, outcome.kind, creator) if kind == "comment" else ""
    acknowledge(ctx, thread, row.comment_id, label, kind, content, reply=row)
    if reading.referral:
        invite_colleagues(ctx, thread, creator, reading)


def _save_reading(
    ctx: JobContext,
    thread: repo.ThreadRow,
    comment: Any,
    previous: repo.ReplyRow | None,
    reading: ReplyReading,
) -> repo.ReplyRow:
    creator = comment.creator
    effective_at = previous.effective_at if previous else comment.created_at
    if previous is not None and previous.intent != reading.intent:
        effective_at = comment.updated_at or ctx.now  # a changed answer joins the back
    company = creator.company.name if creator.company else None
    org, known = organisation_of(ctx, creator.email_address, company)
    mentions = list(zip(reading.mention_names, reading.mention_sgids, strict=False))
    row = repo.ReplyRow(
        comment_id=comment.id,
        thread_key=thread.key,
        person_id=creator.id,
        name=creator.name,
        email=creator.email_address,
        sgid=creator.attachable_sgid,
        organisation=org,
        org_known=known,
        created_at=comment.created_at,
        updated_at=comment.updated_at,
        effective_at=effective_at,
        intent=reading.intent,
        reasons=json.dumps(list(reading.reasons)),
        referral=reading.referral,
        mentions=json.dumps(mentions),
        app_url=comment.app_url,
        trashed=False,
    )
    remember(ctx, thread.key, comment.id, row)
    return row  # saved with its acknowledgement, in one transaction


# ---- per-thread refresh: promotions, live line, participants ----------------------------


def refresh_thread(ctx: JobContext, thread: repo.ThreadRow) -> Ledger:
    """Announce promotions and bring the live line and participants up to date."""
    rules = SignupRules.model_validate_json(thread.rules)
    rows = thread_rows(ctx, thread.key)
    ledger = thread_ledger(ctx, thread, rules, rows)
    latest = {who_of(r.person_id): r for r in rows}
    for person in ledger.confirmed:
        _tell_if_promoted(ctx, thread, rules, person, latest.get(person.who))
    for person in ledger.waitlist:
        _correct_if_moved_back(ctx, thread, person)
    _update_line(ctx, thread, ledger.line())
    _update_participants(ctx, thread, ledger)
    return ledger


def _tell_if_promoted(
    ctx: JobContext,
    thread: repo.ThreadRow,
    rules: SignupRules,
    person: Any,
    reply: repo.ReplyRow | None,
) -> None:
    """Someone told they were waiting now has a place: say so, and update their boost."""
    if not (person.place_ref or "").startswith("comment:"):
        return
    join_id = int(person.place_ref.split(":")[1])
    thread_rows(ctx, thread.key)
    told = cache_of(ctx)[("acks", thread.key)].get(join_id)
    if told is None or not told.label.startswith("⏳"):
        return
    if reply is not None and reply.sgid:
        body = ctx.renderer.render(
            "signup_reply",
            kind="promoted",
            title=thread.title,
            capacity=rules.capacity,
            person={
                "name": reply.name,
                "first_name": first_name(reply.name),
                "attachable_sgid": reply.sgid,
            },
            staff=None,
            referrer=None,
        )
        key = f"signup:{thread.key}:promoted:{person.who}:{person.place_ref}"
        ctx.outbox.create_comment(key, thread.recording_id, body)
    kind, label = ack_for(Outcome("confirmed"))
    acknowledge(ctx, thread, join_id, label, kind, "")


def _correct_if_moved_back(ctx: JobContext, thread: repo.ThreadRow, person: Any) -> None:
    """A reply told "you're in" whose place went to an earlier reply: show where it stands."""
    # Replies are handled in the order they were written but an edited answer counts from
    # its edit, so a reply handled earlier in the cycle can end up behind a later one.
    if not (person.place_ref or "").startswith("comment:"):
        return
    join_id = int(person.place_ref.split(":")[1])
    thread_rows(ctx, thread.key)
    told = cache_of(ctx)[("acks", thread.key)].get(join_id)
    if told is None or told.label != ack_for(Outcome("confirmed"))[1]:
        return
    kind, label = ack_for(Outcome("waitlisted", person.position))
    acknowledge(ctx, thread, join_id, label, kind, "")


def _update_line(ctx: JobContext, thread: repo.ThreadRow, line: str) -> None:
    if line == thread.line:
        return
    version = thread.line_version + 1
    from bot.basecamp.richtext import escape

    content = thread.announcement_html.replace(PLACES_MARKER, escape(line))
    done = ctx.outbox.update_message(
        f"signup:{thread.key}:line:v{version}", thread.recording_id, thread.subject, content
    )
    if done is None and ctx.dry_run:
        return
    with ctx.store.transaction() as conn:
        repo.update_thread(conn, thread.key, line=line, line_version=version)
    log.info("signups: %s: live line now %r", thread.key, line)


def _update_participants(ctx: JobContext, thread: repo.ThreadRow, ledger: Ledger) -> None:
    if thread.schedule_entry_id is None:
        return
    ids = participant_ids(ctx, ledger)
    joined = ",".join(map(str, ids))
    if joined == (thread.participants or ""):
        return
    version = thread.participants_version + 1
    # Basecamp's PUT replaces the entry: send all of it back (times verbatim) with the people,
    # or the first sign-up would wipe the venue and join link in the description.
    entry = ctx.client.schedule_entry(thread.schedule_entry_id)
    fields = entry.replacement(participant_ids=ids)
    done = ctx.outbox.update_schedule_entry(
        f"signup:{thread.key}:participants:v{version}", thread.schedule_entry_id, **fields
    )
    if done is None and ctx.dry_run:
        return
    with ctx.store.transaction() as conn:
        repo.update_thread(conn, thread.key, participants=joined, participants_version=version)


def refresh_signup_threads(ctx: JobContext, only_changed: bool = False) -> None:
    """Refresh open sign-up threads: all of them, or only those with replies this cycle."""
    open_ids = {t.recording_id for t in ctx.reader.threads(KIND)}
    changed = cache_of(ctx).get("changed", set())
    with ctx.store.transaction() as conn:
        threads = [
            t
            for t in repo.threads(conn)
            if t.recording_id in open_ids and (not only_changed or t.key in changed)
        ]
    for thread in threads:
        try:
            refresh_thread(ctx, thread)
            if not only_changed:  # the planner pass: put past events' threads to rest
                retire_if_finished(ctx, thread, SignupRules.model_validate_json(thread.rules))
        except Exception:
            log.exception("signups: %s: refresh failed; will try again next cycle", thread.key)


def refresh_changed_threads(ctx: JobContext) -> None:
    """After a poll: refresh the threads whose replies changed (an idle poll costs nothing)."""
    if cache_of(ctx).get("changed"):
        refresh_signup_threads(ctx, only_changed=True)


# The planner pass refreshes every open thread, so deadlines and closing times take effect
# even when nobody replies; the poll refreshes only what its replies touched.
poll.AFTER_POLL.append(refresh_changed_threads)
planner.PLANNERS.append(refresh_signup_threads)


# ---- rosters and exports ------------------------------------------------------------------


def signup_rows(ctx: JobContext, key: str) -> list[SignupRow]:
    """Everyone who replied on the thread (or was added by staff), with where they stand."""
    with ctx.store.transaction() as conn:
        thread = repo.thread(conn, key)
    if thread is None:
        raise LookupError(f"no sign-up thread with key {key!r}")
    cache_of(ctx).pop(("rows", key), None)  # always the stored truth, with staff changes
    rows = thread_rows(ctx, key)
    ledger = thread_ledger(ctx, thread, SignupRules.model_validate_json(thread.rules), rows)
    by_who: dict[str, repo.ReplyRow] = {}
    for r in rows:
        by_who[who_of(r.person_id)] = r
    deciding = {ref_of(r.comment_id): r for r in rows}
    out = []
    for person in ledger.people.values():
        reply = deciding.get(person.ref) or by_who.get(person.who)
        email = reply.email if reply else person.who.removeprefix("email:")
        out.append(
            SignupRow(
                person_id=reply.person_id if reply else None,
                name=reply.name if reply else email,
                email=email,
                organisation=person.org,
                org_known=bool(reply.org_known)
                if reply
                else bool(ctx.config.network.organisation_for(email)),
                status=person.status,
                waitlist_position=person.position,
                replied_at=reply.created_at if reply else person.at,
                link=reply.app_url if reply else None,
                sgid=reply.sgid if reply else None,
                funded_by=person.funded_by,
            )
        )
    order = {
        "confirmed": 0,
        "waitlisted": 1,
        "maybe": 2,
        "question": 3,
        "withdrawn": 4,
        "declined": 5,
    }
    return sorted(
        out,
        key=lambda r: (order.get(r.status, 9), r.waitlist_position or 0, r.replied_at or ctx.now),
    )


def signup_roster(ctx: JobContext, key: str) -> list[SignupRow]:
    """Confirmed people for a thread (for reminders and cohort participants)."""
    try:
        return [r for r in signup_rows(ctx, key) if r.status == "confirmed"]
    except LookupError:
        return []


def add_staff_change(ctx: JobContext, key: str, email: str, action: str) -> None:
    """Record a staff add or remove (applied from now on, in time order)."""
    if action not in ("add", "remove"):
        raise ValueError("action must be 'add' or 'remove'")
    with ctx.store.transaction() as conn:
        if repo.thread(conn, key) is None:
            raise LookupError(f"no sign-up thread with key {key!r}")
        repo.add_staff_action(conn, key, email.strip().lower(), action, ctx.now)
    cache_of(ctx).pop(("rows", key), None)
