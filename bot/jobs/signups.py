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

import dataclasses
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.basecamp.richtext import html_to_text
from bot.config.signups import SignupRules
from bot.core.ledger import HOLDS_PLACE, Ledger, Outcome
from bot.core.replies import ReplyContext, ReplyReading, classify
from bot.jobs import asking, planner, poll
from bot.jobs.signups_acks import (
    ack_for,
    acknowledge,
    comment_body,
    first_name,
    invite_colleagues,
    person_context,
    staff_contact,
)
from bot.jobs.signups_state import (
    cache_of,
    forget,
    organisation_of,
    ref_of,
    remember,
    shown_org,
    thread_ledger,
    thread_rows,
    who_of,
)
from bot.jobs.signups_upkeep import participant_ids, retire_if_finished
from bot.render import register_sample
from bot.store import signups_repo as repo

if TYPE_CHECKING:
    from bot.jobs.context import JobContext
    from bot.threads import ReplyChange

log = logging.getLogger(__name__)

PLACES_MARKER = "%%PLACES%%"
KIND = "signup"
AWAITING = "awaiting answer"
# Writes per cycle for correcting earlier acknowledgements (the pacer allows 45 per 10 s).
ACK_FIX_BUDGET = 30  # an export row: the bot asked what a reply meant


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
    try:
        _handle_reply(ctx, change)
    except BaseException:
        # The reading is saved only with its acknowledgement: forget what the cycle's cache
        # was told, so the rest of the cycle (live line, participants) counts what is stored.
        forget(ctx, change.thread.key)
        raise


def _handle_reply(ctx: JobContext, change: ReplyChange) -> None:
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
    asked = asking.question_for(ctx, KIND, change.thread.key, comment.id)
    if change.change == "trashed" or getattr(comment, "status", "") == "trashed":
        with ctx.store.transaction() as conn:
            repo.trash_reply(conn, comment.id)
        remember(ctx, thread.key, comment.id, None)
        acknowledge(ctx, thread, comment.id, "", "none", "")
        if asked is not None and asked.status == "open":
            asking.settle(ctx, asked, None, "trashed")
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
    waiting = asking.open_questions(ctx, KIND, thread.key, creator.id)
    earlier = [r for r in others if r.person_id == creator.id and r.intent != "other"]
    reading = classify(
        comment.content or "",
        ctx.config.replies,
        ReplyContext(
            announcement=f"{thread.subject}\n{html_to_text(thread.announcement_html)}",
            had_place=before is not None and before.status in HOLDS_PLACE,
            staff_names=frozenset(s.name for s in ctx.config.network.staff),
            previous_intent=earlier[-1].intent if earlier else None,
            awaiting_answer=bool(waiting),
        ),
    )
    if not reading.sure:
        # Changes nothing: the reply's earlier reading (if any) stands until the member answers.
        _ask(ctx, thread, rules, comment, reading, asked)
        return
    # An answer takes its place in the queue when it is given: a place already given to
    # someone who replied clearly meanwhile is never taken back.
    at = None
    if asked is not None and asked.status == "open" and previous is None:
        at = comment.updated_at or ctx.now  # the edit is the answer
    row = _save_reading(ctx, thread, comment, previous, reading, at)
    if reading.intent != "other":  # thanks or chit-chat answers nothing
        for q in waiting:
            by = "edit" if q.comment_id == comment.id else f"comment:{comment.id}"
            asking.settle(ctx, q, reading.intent, by)
    _acknowledge_reply(ctx, thread, rules, comment, row, reading)


def _acknowledge_reply(
    ctx: JobContext,
    thread: repo.ThreadRow,
    rules: SignupRules,
    comment: Any,
    row: repo.ReplyRow,
    reading: ReplyReading | None,
) -> None:
    """Save the reply's reading with its one acknowledgement (boost or comment) for its outcome."""
    creator = comment.creator
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
        "signups: %s: reply %s read as %s -> %s", thread.key, comment.id, row.intent, outcome.kind
    )
    kind, label = ack_for(outcome)
    told = cache_of(ctx)[("acks", thread.key)].get(comment.id)
    if outcome.kind == "confirmed" and told is not None and told.label.startswith("⏳"):
        # Told they were waiting, now promoted: leave the boost to the promotion step,
        # which mentions them; replacing it here would make them miss the news.
        kind, label = told.kind, told.label
    content = comment_body(ctx, thread, rules, outcome.kind, creator) if kind == "comment" else ""
    acknowledge(ctx, thread, row.comment_id, label, kind, content, reply=row)
    if reading is not None and reading.referral:
        invite_colleagues(ctx, thread, creator, reading)


def _ask(
    ctx: JobContext,
    thread: repo.ThreadRow,
    rules: SignupRules,
    comment: Any,
    reading: ReplyReading,
    asked: repo.QuestionRow | None,
) -> None:
    """Ask the member what they meant, once per reply (an edit is read again, never re-asked)."""
    if asked is not None:
        log.info("signups: %s: reply %s still unclear; already asked", thread.key, comment.id)
        return
    creator = comment.creator
    staff = None
    if reading.maybe_not_english and not asking.staff_told(ctx, KIND, thread.key, creator.id):
        staff = staff_contact(ctx, thread, rules)
    body = ctx.renderer.render(
        "reply_question",
        feature=KIND,
        title=thread.title,
        person=person_context(creator),
        plain=reading.maybe_not_english,
        staff=person_context(staff) if staff is not None else None,
    )
    question = ctx.outbox.create_comment(f"signup:ask:{comment.id}", thread.recording_id, body)
    asking.record_question(
        ctx, KIND, thread.key, thread.recording_id, comment, question, staff is not None
    )


def answer_by_boosts(ctx: JobContext, thread: repo.ThreadRow, rules: SignupRules) -> None:
    """A member who boosted the bot's question with a yes or a no has answered it."""
    for q, intent, boost_id, boosted_at, comment in asking.boost_answers(ctx, KIND, thread.key):
        rows = thread_rows(ctx, thread.key)
        previous = next((r for r in rows if r.comment_id == comment.id), None)
        reading = ReplyReading(intent, (f"answered the question with a boost: {intent}",))
        if intent == "decline":
            others = [r for r in rows if r.comment_id != comment.id]
            now = thread_ledger(ctx, thread, rules, others).people.get(who_of(q.person_id))
            if now is not None and now.status in HOLDS_PLACE:
                reading = dataclasses.replace(reading, intent="withdraw")
        row = _save_reading(ctx, thread, comment, previous, reading, boosted_at or ctx.now)
        asking.settle(ctx, q, reading.intent, f"boost:{boost_id}")
        _acknowledge_reply(ctx, thread, rules, comment, row, None)


def _save_reading(
    ctx: JobContext,
    thread: repo.ThreadRow,
    comment: Any,
    previous: repo.ReplyRow | None,
    reading: ReplyReading,
    at: datetime | None = None,
) -> repo.ReplyRow:
    creator = comment.creator
    effective_at = at or (previous.effective_at if previous else comment.created_at)
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
    keep_acks_true(ctx, thread, ledger, rows)
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


def keep_acks_true(
    ctx: JobContext, thread: repo.ThreadRow, ledger: Ledger, rows: list[repo.ReplyRow]
) -> None:
    """Make every "✅ You're in" / "⏳ Waitlist N" boost say where its member stands now.

    A member who no longer holds a place loses the ✅ (withdrawn, removed by staff, closed);
    a waitlist boost shows the current position. Renumbering happens at most once per cycle
    per thread, and all fixes together stay within ACK_FIX_BUDGET writes per cycle (the
    rest follow next cycle), so a long queue moving never crowds out new replies.
    """
    cache = cache_of(ctx)
    renumber = ("renumbered", thread.key) not in cache
    cache[("renumbered", thread.key)] = True
    thread_rows(ctx, thread.key)
    acks = cache[("acks", thread.key)]
    by_comment = {r.comment_id: r for r in rows}
    for cid, told in sorted(acks.items()):
        if told.pending:
            # A replacement left half done (the new acknowledgement posted, the old boost's
            # deletion failed or the worker died): finish it now, or the reply keeps both
            # boosts until that member's standing happens to change again.
            if cache.get("ack_fixes", 0) >= ACK_FIX_BUDGET:
                log.info("signups: %s: acknowledgement fixes left for next cycle", thread.key)
                return
            cache["ack_fixes"] = cache.get("ack_fixes", 0) + 1
            acknowledge(ctx, thread, cid, told.label, told.kind, "")
            told = acks[cid]
        if told.kind != "boost" or not told.label.startswith(("✅", "⏳")):
            continue
        reply = by_comment.get(cid)
        if reply is None:
            continue  # trashed: its acknowledgement was removed with it
        person = ledger.people.get(who_of(reply.person_id))
        status = person.status if person is not None else "none"
        if status == "confirmed":
            kind, label = ack_for(Outcome("confirmed"))
        elif status == "waitlisted" and person is not None:
            kind, label = ack_for(Outcome("waitlisted", person.position))
        else:
            kind, label = "none", ""
        if label == told.label:
            continue
        if label.startswith("⏳") and told.label.startswith("⏳") and not renumber:
            continue
        if cache.get("ack_fixes", 0) >= ACK_FIX_BUDGET:
            log.info("signups: %s: acknowledgement fixes left for next cycle", thread.key)
            return
        cache["ack_fixes"] = cache.get("ack_fixes", 0) + 2  # a new boost and a deletion
        acknowledge(ctx, thread, cid, label, kind, "")


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
            if not only_changed:  # the planner pass reads boosts on open questions
                answer_by_boosts(ctx, thread, SignupRules.model_validate_json(thread.rules))
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
                organisation=shown_org(person.org),
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
    for q in asking.open_questions(ctx, KIND, key):  # replies waiting for the member's answer
        org = ctx.config.network.organisation_for(q.email)
        out.append(
            SignupRow(
                person_id=q.person_id,
                name=q.name,
                email=q.email,
                organisation=org.key if org else None,
                org_known=org is not None,
                status=AWAITING,
                waitlist_position=None,
                replied_at=q.asked_at,
                link=q.link,
            )
        )
    order = {
        "confirmed": 0,
        "waitlisted": 1,
        "maybe": 2,
        "question": 3,
        AWAITING: 4,
        "withdrawn": 5,
        "declined": 6,
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


@register_sample("reply_question")
def _question_sample(config: Any) -> dict[str, Any]:
    """Sample data for `loti-bot check` (a reply that may not be in English)."""
    return {
        "feature": KIND,
        "title": "Lunch & learn",
        "person": {"name": "Ioana Pop", "first_name": "Ioana", "attachable_sgid": "SAMPLE-1"},
        "plain": True,
        "staff": {"name": "Nadia Rossi", "first_name": "Nadia", "attachable_sgid": "SAMPLE-2"},
    }
