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
from bot.core.ledger import HOLDS_PLACE, Entry, Ledger, Outcome, compute
from bot.core.replies import ReplyContext, ReplyReading, classify
from bot.jobs import planner, poll
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


# ---- reading one reply --------------------------------------------------------------------


def _ref(comment_id: int) -> str:
    # Zero-padded so replies written in the same second sort by id, as Basecamp assigns them.
    return f"comment:{int(comment_id):015d}"


def _who(person_id: int) -> str:
    return f"person:{person_id}"


def _organisation(
    ctx: JobContext, email: str | None, company: str | None
) -> tuple[str | None, bool]:
    org = ctx.config.network.organisation_for(email)
    if org is not None:
        return org.key, True
    return (company or None), False


def _cache(ctx: JobContext) -> dict[Any, Any]:
    # A JobContext lives for one cycle and this job is the only writer of the sign-up
    # tables during it, so each thread's rows are loaded once per cycle, not once per reply
    # (a 500-reply burst would otherwise reload the table 500 times).
    return vars(ctx).setdefault("_signups_cache", {})


def _rows(ctx: JobContext, key: str) -> list[repo.ReplyRow]:
    cache = _cache(ctx)
    if ("rows", key) not in cache:
        with ctx.store.transaction() as conn:
            cache[("rows", key)] = repo.replies(conn, key)
            cache[("staff", key)] = repo.staff_actions(conn, key)
            cache[("acks", key)] = repo.acks(conn, key)
    return list(cache[("rows", key)])


def _remember(ctx: JobContext, key: str, comment_id: int, row: repo.ReplyRow | None) -> None:
    rows = [r for r in _rows(ctx, key) if r.comment_id != comment_id]
    if row is not None:
        rows.append(row)
        rows.sort(key=lambda r: (r.effective_at, r.comment_id))
    _cache(ctx)[("rows", key)] = rows


def _entries(
    ctx: JobContext, thread: repo.ThreadRow, rules: SignupRules, rows: list[repo.ReplyRow]
) -> list[Entry]:
    entries = [
        Entry(_ref(r.comment_id), _who(r.person_id), r.effective_at, r.intent, r.organisation)
        for r in rows
    ]
    by_email = {r.email.lower(): r for r in rows if r.email}
    _rows(ctx, thread.key)  # loads the staff actions with the rows
    actions = [(f"staff:{i:015d}", e, a, t) for i, e, a, t in _cache(ctx)[("staff", thread.key)]]
    # Config changes are staff's last word: applied after every reply.
    last = ctx.now
    actions += [(f"config-add:{e}", e, "add", last) for e in rules.staff_add]
    actions += [(f"config-remove:{e}", e, "remove", last) for e in rules.staff_remove]
    for ref, email, action, at in actions:
        email = email.lower()
        known = by_email.get(email)
        who = _who(known.person_id) if known else f"email:{email}"
        org = known.organisation if known else _organisation(ctx, email, None)[0]
        entries.append(Entry(ref, who, min(at, ctx.now), action, org, staff=True))
    return entries


def _boost_entries(ctx: JobContext, thread: repo.ThreadRow, rules: SignupRules) -> list[Entry]:
    """Boosts on the announcement, as joins, where the rules say a boost counts."""
    if not rules.boost_counts_as_join:
        return []
    cache = _cache(ctx)
    if ("boosts", thread.key) not in cache:  # one (conditional) GET per thread per cycle
        entries = []
        for boost in ctx.client.boosts(thread.recording_id):
            person = boost.booster
            if person is None or person.id == ctx.me.id or boost.created_at is None:
                continue
            company = person.company.name if person.company else None
            org = _organisation(ctx, person.email_address, company)[0]
            entries.append(
                Entry(f"boost:{boost.id:015d}", _who(person.id), boost.created_at, "join", org)
            )
        cache[("boosts", thread.key)] = entries
    return list(cache[("boosts", thread.key)])


def _ledger(
    ctx: JobContext,
    thread: repo.ThreadRow,
    rules: SignupRules,
    rows: list[repo.ReplyRow] | None = None,
) -> Ledger:
    rows = _rows(ctx, thread.key) if rows is None else rows
    member_orgs = [o.key for o in ctx.config.network.organisations]
    entries = _entries(ctx, thread, rules, rows) + _boost_entries(ctx, thread, rules)
    return compute(rules, entries, ctx.now, member_orgs)


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
    _cache(ctx).setdefault("changed", set()).add(thread.key)
    if change.change == "trashed" or getattr(comment, "status", "") == "trashed":
        with ctx.store.transaction() as conn:
            repo.trash_reply(conn, comment.id)
        _remember(ctx, thread.key, comment.id, None)
        _acknowledge(ctx, thread, comment.id, "", "none", "")
        log.info("signups: %s: reply %s trashed; its effect is withdrawn", thread.key, comment.id)
        return
    creator = comment.creator
    if creator is None or creator.id == ctx.me.id:
        return
    rows = _rows(ctx, thread.key)
    previous = next((r for r in rows if r.comment_id == comment.id), None)
    others = [r for r in rows if r.comment_id != comment.id]
    before = None
    if any(r.person_id == creator.id for r in others) or _cache(ctx)[("staff", thread.key)]:
        before = _ledger(ctx, thread, rules, others).people.get(_who(creator.id))
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
    ledger = _ledger(ctx, thread, rules)
    ref = _ref(comment.id)
    outcome = ledger.outcomes.get(ref, Outcome("noted"))
    person = ledger.people.get(_who(creator.id))
    if (
        outcome.kind == "waitlisted"
        and person is not None
        and person.status == "confirmed"
        and person.place_ref == ref
    ):
        outcome = Outcome("confirmed")  # waited, then promoted: say where they are now
    log.info(
        "signups: %s: reply %s read as %s -> %s",
        thread.key,
        comment.id,
        reading.intent,
        outcome.kind,
    )
    kind, label = ack_for(outcome)
    content = _comment_body(ctx, thread, rules, outcome.kind, creator) if kind == "comment" else ""
    _acknowledge(ctx, thread, row.comment_id, label, kind, content, reply=row)
    if reading.referral:
        _invite_colleagues(ctx, thread, creator, reading)


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
    org, known = _organisation(ctx, creator.email_address, company)
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
    _remember(ctx, thread.key, comment.id, row)
    return row  # saved with its acknowledgement, in one transaction


# ---- acknowledgements ---------------------------------------------------------------------


def ack_for(outcome: Outcome) -> tuple[str, str]:
    """(kind, label) of the acknowledgement for what a reply did: a boost, a comment or none."""
    if outcome.kind == "confirmed":
        return "boost", "✅ You're in"
    if outcome.kind == "waitlisted":
        return "boost", f"⏳ Waitlist {outcome.position}"
    if outcome.kind == "withdrawn":
        return "boost", "👋 Place released"
    if outcome.kind == "declined":
        return "boost", "👍 Noted, thanks"
    if outcome.kind == "maybe":
        return "boost", "🤔 Noted as a maybe"
    if outcome.kind in ("question", "closed", "full"):
        return "comment", outcome.kind
    return "none", ""


def _acknowledge(
    ctx: JobContext,
    thread: repo.ThreadRow,
    comment_id: int,
    label: str,
    kind: str,
    content: str,
    reply: repo.ReplyRow | None = None,
) -> None:
    """Make `label` the reply's one current acknowledgement (replacing an outdated boost).

    The version in the Outbox key comes from the stored record, which changes only after
    the new acknowledgement is posted: a crash at any point re-runs the same keys. The
    reply's reading (if given) is saved in the same transaction as the record.
    """
    cid = int(comment_id)
    _rows(ctx, thread.key)
    acks = _cache(ctx)[("acks", thread.key)]
    row = acks.get(cid)
    values = None
    if not (row is not None and row.label == label) and not (row is None and kind == "none"):
        if row is not None and row.kind == "boost" and row.item_id:
            ctx.outbox.delete_boost(f"signup:ack:{cid}:v{row.version}:delete", row.item_id)
        version = row.version + 1 if row is not None else 1
        item = None
        key = f"signup:ack:{cid}:v{version}"
        if kind == "boost":
            item = ctx.outbox.create_boost(key, cid, label)
        elif kind == "comment":
            item = ctx.outbox.create_comment(key, thread.recording_id, content)
        if item is not None or kind == "none":  # None otherwise means a dry run
            values = {
                "comment_id": cid,
                "thread_key": thread.key,
                "label": label,
                "kind": kind,
                "version": version,
                "item_id": int(item.id) if item is not None else None,
                "pending": False,
            }
    if values is None and reply is None:
        return
    with ctx.store.transaction() as conn:
        if reply is not None:
            repo.save_reply(conn, dataclasses.asdict(reply))
        if values is not None:
            repo.save_ack(conn, values)
    if values is not None:
        acks[cid] = repo.AckRow(**values)


def _first_name(name: str) -> str:
    return (name or "").split(" ")[0] or name


def _person(p: Any) -> dict[str, Any]:
    if isinstance(p, dict):
        return {"first_name": _first_name(p["name"]), **p}
    return {"name": p.name, "first_name": _first_name(p.name), "attachable_sgid": p.attachable_sgid}


def _staff_contact(ctx: JobContext, thread: repo.ThreadRow, rules: SignupRules) -> Any:
    emails = [rules.staff_contact] if rules.staff_contact else []
    emails += [s.email for s in ctx.config.network.staff]
    people = {
        (p.email_address or "").lower(): p for p in ctx.client.project_people(thread.project_id)
    }
    for email in emails:
        if email and email.lower() in people and people[email.lower()].attachable_sgid:
            return people[email.lower()]
    return None


def _comment_body(
    ctx: JobContext, thread: repo.ThreadRow, rules: SignupRules, kind: str, person: Any
) -> str:
    staff = _staff_contact(ctx, thread, rules) if kind == "question" else None
    if kind == "question" and staff is None:
        log.warning(
            "signups: %s: no staff contact on the project to pass a question to", thread.key
        )
        staff = {"name": "The LOTI team", "first_name": "the team", "attachable_sgid": None}
    return ctx.renderer.render(
        "signup_reply",
        kind=kind,
        title=thread.title,
        capacity=rules.capacity,
        person=_person(person),
        staff=_person(staff) if staff is not None else None,
        referrer=None,
    )


def _invite_colleagues(
    ctx: JobContext, thread: repo.ThreadRow, creator: Any, reading: ReplyReading
) -> None:
    staff = {s.name.lower() for s in ctx.config.network.staff}
    for name, sgid in zip(reading.mention_names, reading.mention_sgids, strict=False):
        if not sgid or name.lower() in staff or name == creator.name:
            continue
        body = ctx.renderer.render(
            "signup_reply",
            kind="invite",
            title=thread.title,
            capacity=0,
            staff=None,
            person={"name": name, "first_name": _first_name(name), "attachable_sgid": sgid},
            referrer=creator.name,
        )
        # Keyed by thread and colleague: one invitation each, however often they're mentioned.
        ctx.outbox.create_comment(f"signup:{thread.key}:invite:{sgid}", thread.recording_id, body)


# ---- per-thread refresh: promotions, live line, participants ----------------------------


def refresh_thread(ctx: JobContext, thread: repo.ThreadRow) -> Ledger:
    """Announce promotions and bring the live line and participants up to date."""
    rules = SignupRules.model_validate_json(thread.rules)
    rows = _rows(ctx, thread.key)
    ledger = _ledger(ctx, thread, rules, rows)
    latest = {_who(r.person_id): r for r in rows}
    for person in ledger.confirmed:
        _tell_if_promoted(ctx, thread, rules, person, latest.get(person.who))
    _update_line(ctx, thread, ledger.line())
    ids = sorted(int(p.who.split(":")[1]) for p in ledger.confirmed if p.who.startswith("person:"))
    _update_participants(ctx, thread, ids)
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
    _rows(ctx, thread.key)
    told = _cache(ctx)[("acks", thread.key)].get(join_id)
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
                "first_name": _first_name(reply.name),
                "attachable_sgid": reply.sgid,
            },
            staff=None,
            referrer=None,
        )
        key = f"signup:{thread.key}:promoted:{person.who}:{person.place_ref}"
        ctx.outbox.create_comment(key, thread.recording_id, body)
    kind, label = ack_for(Outcome("confirmed"))
    _acknowledge(ctx, thread, join_id, label, kind, "")


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


def _update_participants(ctx: JobContext, thread: repo.ThreadRow, ids: list[int]) -> None:
    if thread.schedule_entry_id is None:
        return
    joined = ",".join(map(str, ids))
    if joined == (thread.participants or ""):
        return
    version = thread.participants_version + 1
    # Basecamp's PUT replaces the entry: send its current summary and times with the people.
    entry = ctx.client.schedule_entry(thread.schedule_entry_id)
    fields: dict[str, Any] = {
        "summary": entry.summary,
        "starts_at": entry.starts_at,
        "ends_at": entry.ends_at,
        "participant_ids": ids,
    }
    if getattr(entry, "all_day", False):
        fields["all_day"] = True
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
    changed = _cache(ctx).get("changed", set())
    with ctx.store.transaction() as conn:
        threads = [
            t
            for t in repo.threads(conn)
            if t.recording_id in open_ids and (not only_changed or t.key in changed)
        ]
    for thread in threads:
        try:
            refresh_thread(ctx, thread)
        except Exception:
            log.exception("signups: %s: refresh failed; will try again next cycle", thread.key)


def refresh_changed_threads(ctx: JobContext) -> None:
    """After a poll: refresh the threads whose replies changed (an idle poll costs nothing)."""
    if _cache(ctx).get("changed"):
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
    _cache(ctx).pop(("rows", key), None)  # always the stored truth, with staff changes
    rows = _rows(ctx, key)
    ledger = _ledger(ctx, thread, SignupRules.model_validate_json(thread.rules), rows)
    by_who: dict[str, repo.ReplyRow] = {}
    for r in rows:
        by_who[_who(r.person_id)] = r
    deciding = {_ref(r.comment_id): r for r in rows}
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
    _cache(ctx).pop(("rows", key), None)
