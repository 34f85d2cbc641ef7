"""Acknowledgements and messages on sign-up threads: one current acknowledgement per reply."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from typing import TYPE_CHECKING, Any

from bot.config.signups import SignupRules
from bot.core.ledger import Outcome
from bot.core.replies import ReplyReading
from bot.jobs.signups_state import cache_of, project_people, thread_rows
from bot.render import register_sample
from bot.store import signups_repo as repo

if TYPE_CHECKING:
    from bot.jobs.context import JobContext

log = logging.getLogger("bot.jobs.signups")


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
        return "boost", "🤔 Maybe, noted"  # boosts are at most 16 characters
    if outcome.kind in ("question", "closed", "full"):
        return "comment", outcome.kind
    return "none", ""


def acknowledge(
    ctx: JobContext,
    thread: repo.ThreadRow,
    comment_id: int,
    label: str,
    kind: str,
    content: str,
    reply: repo.ReplyRow | None = None,
) -> None:
    """Make `label` the reply's one current acknowledgement (replacing an outdated boost).

    The version in the Outbox key comes from the stored record, which moves on as soon as the
    new acknowledgement is posted (marked `pending` until the older boosts are deleted): a
    crash at any point re-runs the same keys, and a key is never reused for another label.
    The reply's reading (if given) is saved in the same transaction as the record.
    """
    cid = int(comment_id)
    thread_rows(ctx, thread.key)
    acks = cache_of(ctx)[("acks", thread.key)]
    row = acks.get(cid)
    if row is not None and row.pending:  # a replacement interrupted last time
        _delete_earlier_boosts(ctx, cid, row.version)
        row = _save_ack(ctx, acks, dataclasses.replace(row, pending=False), reply)
        reply = None
    if row is None and kind == "none":
        _close_first_boost(ctx, acks, thread, cid)
    elif not (row is not None and row.label == label):
        version = row.version + 1 if row is not None else 1
        item = None
        key = f"signup:ack:{cid}:v{version}"
        if kind != "boost" and ctx.outbox.abandon_boost(key, cid):
            # An unsure boost under this version is gone; the new acknowledgement needs its
            # own key (a closed key would return the old record without posting).
            version += 1
            key = f"signup:ack:{cid}:v{version}"
        # The new acknowledgement first, then the old boost goes: the member never sees none.
        if kind == "boost":
            item = ctx.outbox.create_boost(key, cid, label)
        elif kind == "comment":
            item = ctx.outbox.create_comment(key, thread.recording_id, content)
        if item is not None or kind == "none":  # None otherwise means a dry run
            new = repo.AckRow(comment_id=cid, thread_key=thread.key, label=label, kind=kind,
                              version=version, item_id=int(item.id) if item is not None else None,
                              pending=row is not None)  # fmt: skip
            row = _save_ack(ctx, acks, new, reply)
            reply = None
            if row.pending:
                _delete_earlier_boosts(ctx, cid, version)
                row = _save_ack(ctx, acks, dataclasses.replace(row, pending=False), None)
        elif row is not None:  # a dry run lists the deletion the real run would make
            _delete_earlier_boosts(ctx, cid, version)
    if reply is not None:
        with ctx.store.transaction() as conn:
            repo.save_reply(conn, dataclasses.asdict(reply))


def _close_first_boost(ctx: JobContext, acks: dict, thread: repo.ThreadRow, cid: int) -> None:
    """No acknowledgement is wanted and none was recorded: take back a first boost that an
    interrupted run left (its outcome unknown, or posted just before a crash)."""
    key = f"signup:ack:{cid}:v1"
    rec = ctx.outbox.record(key)
    if rec is None or rec.kind != "boost" or ctx.outbox.dry_run:
        return
    if rec.status == "pending":
        ctx.outbox.abandon_boost(key, cid)  # raises while it may still commit
    elif rec.basecamp_id:
        ctx.outbox.delete_boost(f"{key}:delete", rec.basecamp_id, recording_id=cid)
    # Recorded as "no acknowledgement", so a later version never reuses the closed key.
    _save_ack(ctx, acks, repo.AckRow(comment_id=cid, thread_key=thread.key, label="", kind="none",
                                     version=1, item_id=None, pending=False), None)


def _delete_earlier_boosts(ctx: JobContext, cid: int, version: int) -> None:
    """Delete the boost of every version before `version` (done deletions cost nothing)."""
    for v in range(version - 1, 0, -1):
        earlier = ctx.outbox.record(f"signup:ack:{cid}:v{v}")
        if earlier is not None and earlier.kind == "boost" and earlier.basecamp_id:
            ctx.outbox.delete_boost(f"signup:ack:{cid}:v{v}:delete", earlier.basecamp_id,
                                    recording_id=cid)


def _save_ack(ctx: JobContext, acks: dict, row: repo.AckRow,
              reply: repo.ReplyRow | None) -> repo.AckRow:  # fmt: skip
    with ctx.store.transaction() as conn:
        if reply is not None:
            repo.save_reply(conn, dataclasses.asdict(reply))
        repo.save_ack(conn, dataclasses.asdict(row))
    acks[row.comment_id] = row
    return row


def first_name(name: str) -> str:
    return (name or "").split(" ")[0] or name


def person_context(p: Any) -> dict[str, Any]:
    """A person (model or dict) as the templates take it."""
    if isinstance(p, dict):
        return {"first_name": first_name(p["name"]), **p}
    return {"name": p.name, "first_name": first_name(p.name), "attachable_sgid": p.attachable_sgid}


def staff_contact(ctx: JobContext, thread: repo.ThreadRow, rules: SignupRules) -> Any:
    """The event's staff contact (else the first configured staff) on the project, or None."""
    emails = [rules.staff_contact] if rules.staff_contact else []
    emails += [s.email for s in ctx.config.network.staff]
    people = {(p.email_address or "").lower(): p for p in project_people(ctx, thread.project_id)}
    for email in emails:
        if email and email.lower() in people and people[email.lower()].attachable_sgid:
            return people[email.lower()]
    return None


def comment_body(
    ctx: JobContext, thread: repo.ThreadRow, rules: SignupRules, kind: str, person: Any
) -> str:
    staff = staff_contact(ctx, thread, rules) if kind == "question" else None
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
        person=person_context(person),
        staff=person_context(staff) if staff is not None else None,
        referrer=None,
    )


MAX_INVITES = 3  # per reply: a pasted list of mentions must not become a flood of comments


def invite_colleagues(
    ctx: JobContext, thread: repo.ThreadRow, creator: Any, reading: ReplyReading
) -> None:
    """Invite colleagues the reply mentions: project people only, never staff, at most 3."""
    # The sgid is checked against the bot's own listing of the project's people and the name
    # comes from there too: the mention's caption is the member's HTML and may say anything.
    on_project = {p.attachable_sgid: p for p in project_people(ctx, thread.project_id)}
    staff = {s.email.lower() for s in ctx.config.network.staff}
    contact = SignupRules.model_validate_json(thread.rules).staff_contact
    if contact:
        staff.add(contact.lower())
    invited: set[int] = set()
    for sgid in reading.mention_sgids:
        person = on_project.get(sgid) if sgid else None
        if person is None or person.id in invited or person.id in (creator.id, ctx.me.id):
            continue
        if (person.email_address or "").lower() in staff:
            continue
        if len(invited) >= MAX_INVITES:
            log.info("signups: %s: more than %d colleagues mentioned", thread.key, MAX_INVITES)
            break
        invited.add(person.id)
        body = ctx.renderer.render(
            "signup_reply",
            kind="invite",
            title=thread.title,
            capacity=0,
            staff=None,
            person=person_context(person),
            referrer=creator.name,
        )
        # Keyed by thread and colleague: one invitation each, however often they're mentioned.
        # A digest of the sgid (as before), since sgids may be long and keys are <= 255.
        tag = hashlib.sha256(sgid.encode()).hexdigest()[:24]
        ctx.outbox.create_comment(f"signup:{thread.key}:invite:{tag}", thread.recording_id, body)


@register_sample("signup_reply")
def _sample(config: Any) -> dict[str, Any]:
    """Sample data for `loti-bot check` (a question passed to staff)."""
    member = {"name": "Priya Shah", "first_name": "Priya", "attachable_sgid": "SAMPLE-1"}
    staff = {"name": "Nadia Rossi", "first_name": "Nadia", "attachable_sgid": "SAMPLE-2"}
    return {
        "kind": "question",
        "title": "Lunch & learn",
        "capacity": 40,
        "person": member,
        "staff": staff,
        "referrer": "Chioma Eze",
    }
