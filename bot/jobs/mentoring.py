"""Mentoring rounds: call, replies, matching, staff approval, introductions, follow-up.

The planner posts each step when it is due; every post goes through the outbox under a key
naming the round and the pair, so a restart never posts twice. Replies arrive through the
poll job: on the call (offers and requests), on the staff approval post, and on the follow-up.
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.basecamp.models import is_member
from bot.config.mentoring import MentoringRound
from bot.core.calendar import PlannedPost, catch_up
from bot.core.matching import MatchResult, Person, match
from bot.core.mentoring import MentoringReading, level_of, read_replies, read_reply, reply_text
from bot.core.mentoring_answers import find_pair, read_approval, read_met, role_boost_answer
from bot.jobs import asking, posting
from bot.jobs.planner import PLANNERS
from bot.jobs.poll import register
from bot.jobs.signups_state import project_people
from bot.render import register_sample
from bot.store import mentoring_tables as t
from bot.store.signups_repo import questions

if TYPE_CHECKING:
    from bot.jobs.context import JobContext
    from bot.threads import ReplyChange

CALL, APPROVAL, FOLLOWUP = "mentoring_call", "mentoring_approval", "mentoring_followup"
ACK = "👍"
ACKED_INTENTS = ("signup", "topics", "withdraw", "decline")


def _round(ctx: JobContext, key: str) -> MentoringRound | None:
    return next((r for r in ctx.config.mentoring if r.key == key), None)


def _place(ctx: JobContext, project: str | None) -> posting.Place:
    if project is None:
        ref = ctx.config.network.project
        return posting.place_of(posting.find_project(ctx, ref.name, ref.id))
    return posting.place_of(posting.find_project(ctx, project))


# ---- the planner ------------------------------------------------------------------------------


def plan(ctx: JobContext) -> None:
    """Carry every configured round forward by whatever steps are due."""
    failed: list[str] = []
    for rnd in ctx.config.mentoring:
        if ctx.now < rnd.call_at:
            continue
        # One broken round must not hold up the others; the planner logs one line for all.
        posting.isolated(ctx, f"mentoring:{rnd.key}", failed, lambda r=rnd: plan_round(ctx, r))
    if failed:
        raise posting.PlanFailed("mentoring", failed)


def plan_round(ctx: JobContext, rnd: MentoringRound) -> None:
    """One round's due steps, in order; each is safe to repeat."""
    row = _row(ctx, rnd.key)
    if row is None:
        # A call that would go out on (or after) matching day is pointless: skip, tell staff.
        call = PlannedPost(f"mentoring:{rnd.key}:call", "call", rnd.call_at, rnd.match_at)
        done = posting.finished_times(ctx, [call.key])
        if call.key in done:
            return  # skipped before (staff were told)
        if catch_up([call], ctx.now, done).missed:
            outcome = posting.report_missed(ctx, call, f"the call for {rnd.title}")
            if outcome and not ctx.dry_run:
                posting.finish(ctx, call.key, call.kind, outcome)
            return
        if not _post_call(ctx, rnd):
            return
        row = _row(ctx, rnd.key)
    if row.stage == "called":
        answer_by_boosts(ctx, rnd)  # a boost on the role question answers it
    if ctx.now >= rnd.match_at and row.stage == "called":
        propose_pairs(ctx, rnd)
        row = _row(ctx, rnd.key)
    if row.stage == "matched":
        if not rnd.approval:
            _set_round(ctx, rnd.key, stage="approved", approved_by="(approval off)")
        elif row.approval_message_id is None:
            _post_approval(ctx, rnd)
        row = _row(ctx, rnd.key)
    if row.stage == "approved" and ctx.now >= rnd.introduce_at:
        _introduce(ctx, rnd, row)
        row = _row(ctx, rnd.key)
    if row.stage == "introduced" and ctx.now >= rnd.follow_up_at:
        _follow_up(ctx, rnd, row)


def _row(ctx: JobContext, key: str) -> Any:
    with ctx.store.transaction() as conn:
        return t.round_row(conn, key)


def _set_round(ctx: JobContext, key: str, **values: Any) -> None:
    with ctx.store.transaction() as conn:
        t.set_round(conn, key, ctx.now, **values)


def _post_call(ctx: JobContext, rnd: MentoringRound) -> bool:
    place = _place(ctx, rnd.project)
    if place.board_id is None:
        raise posting.SetupError(f"mentoring {rnd.key}: the project needs its Message Board")
    subject, body = ctx.renderer.render_post("mentoring_call", **call_context(rnd))
    message = ctx.outbox.create_message(f"mentoring:{rnd.key}:call", place.board_id, subject, body)
    if message is None:  # dry run
        return False
    ctx.reader.watch(message.id, place.project_id, CALL, rnd.key)
    _set_round(ctx, rnd.key, stage="called", call_message_id=message.id,
               call_project_id=place.project_id)  # fmt: skip
    ctx.log.info("mentoring: %s call posted as message %s", rnd.key, message.id)
    return True


def call_context(rnd: MentoringRound) -> dict[str, Any]:
    """Template variables for the call."""
    return {"round": rnd, "topics": sorted(rnd.topics), "match_at": rnd.match_at,
            "introduce_at": rnd.introduce_at}  # fmt: skip


# ---- replies to the call ----------------------------------------------------------------------


@register(CALL)
def handle_call_reply(ctx: JobContext, change: ReplyChange) -> None:
    """Record a reply (new, edited or trashed), update the person's reading, acknowledge once."""
    rnd = _round(ctx, change.thread.key)
    if rnd is None:
        return
    comment = change.comment
    trashed = change.change == "trashed"
    with ctx.store.transaction() as conn:
        if trashed and not t.has_reply(conn, comment.id):
            folded = None  # never stored: there is no reading to take back
        else:
            folded = save_call_reply(ctx, conn, rnd, comment, trashed=trashed)
    asked = asking.question_for(ctx, CALL, rnd.key, comment.id)
    if trashed:
        if asked is not None and asked.status == "open":
            asking.settle(ctx, asked, None, "trashed")
        return
    reading = read_reply(comment.content, rnd.vocabulary())
    # Topics alone are clear once her earlier replies gave a role (read_replies' own rule).
    if not reading.sure and not (reading.intent == "topics" and folded.role != "none"):
        # An unclear role is asked about, never guessed; the reply counts for nothing meanwhile.
        if asked is None:
            _ask(ctx, rnd, change.thread.recording_id, comment, reading)
        return
    if reading.intent in ACKED_INTENTS:
        settled = False
        for q in asking.open_questions(ctx, CALL, rnd.key, comment.creator.id):
            by = "edit" if q.comment_id == comment.id else f"comment:{comment.id}"
            asking.settle(ctx, q, _answer_of(reading), by)
            settled = True
        if settled:  # the unclear reply now counts, with the role she gave
            with ctx.store.transaction() as conn:
                refresh_person(ctx, conn, rnd, comment.creator)
        ctx.outbox.create_boost(f"ack:comment:{comment.id}", comment.id, ACK)


def _answer_of(reading: Any) -> str:
    """What a clear reply answers to "which role?": the role itself, or its intent."""
    if reading.intent == "signup" and reading.roles:
        return "both" if len(reading.roles) > 1 else next(iter(reading.roles))
    return reading.intent


def _ask(ctx: JobContext, rnd: MentoringRound, thread_id: int, comment: Any, reading: Any) -> None:
    """Ask the member which role she means (once per reply).

    A reply that may not be in English gets the plain-words question, and the round's staff
    contact is mentioned in it once per round and person, to read what she wrote."""
    plain = bool(getattr(reading, "maybe_not_english", False))
    staff = None
    if plain and not asking.staff_told(ctx, CALL, rnd.key, comment.creator.id):
        staff = staff_contact(ctx, rnd, None)
        if staff is None:
            ctx.log.warning("mentoring: %s: no staff contact on the project to read reply %s",
                            rnd.key, comment.id)  # fmt: skip
    body = ctx.renderer.render("reply_question", feature="mentoring", title=rnd.title,
                               person=comment.creator, plain=plain, staff=staff)  # fmt: skip
    question = ctx.outbox.create_comment(f"mentoring:{rnd.key}:ask:{comment.id}", thread_id, body)
    asking.record_question(ctx, CALL, rnd.key, thread_id, comment, question, staff is not None)


def staff_contact(ctx: JobContext, rnd: MentoringRound, project_id: int | None) -> Any:
    """The round's approvers (else the first configured staff) who are on the call's project.

    Like sign-ups' staff contact: only someone on the project can be mentioned and notified."""
    if project_id is None:
        row = _row(ctx, rnd.key)
        project_id = row.call_project_id if row is not None else None
    if project_id is None:
        return None
    emails = [e.lower() for e in rnd.approvers]
    emails += [s.email.lower() for s in ctx.config.network.staff]
    people = {(p.email_address or "").lower(): p for p in project_people(ctx, project_id)}
    for email in emails:
        if email in people and people[email].attachable_sgid:
            return people[email]
    return None


def answer_by_boosts(ctx: JobContext, rnd: MentoringRound) -> None:
    """A member who boosted the role question with one of its choices has answered it."""
    answered = asking.boost_answers(ctx, CALL, rnd.key, role_boost_answer)
    for q, answer, boost_id, _, comment in answered:
        asking.settle(ctx, q, answer, f"boost:{boost_id}")
        with ctx.store.transaction() as conn:
            save_call_reply(ctx, conn, rnd, comment, trashed=False)  # its latest text, answered
        ctx.outbox.create_boost(f"ack:comment:{comment.id}", comment.id, ACK)


def save_call_reply(ctx: JobContext, conn: Any, rnd: MentoringRound, comment: Any,
                    trashed: bool) -> MentoringReading:  # fmt: skip
    """Store one reply and recompute its author's end state from all her replies."""
    creator = comment.creator
    t.save_reply(conn, comment_id=comment.id, round_key=rnd.key, person_id=creator.id,
                 html=comment.content or "", created_at=comment.created_at, trashed=trashed)
    return refresh_person(ctx, conn, rnd, creator)


def refresh_person(ctx: JobContext, conn: Any, rnd: MentoringRound,
                   creator: Any) -> MentoringReading:  # fmt: skip
    """Recompute a person's end state from her live replies and her answers to questions."""
    vocab = rnd.vocabulary()
    replies = t.person_reply_rows(conn, rnd.key, creator.id)
    answered = {q.comment_id: q.answer for q in questions(conn, CALL, rnd.key, "answered")
                if q.person_id == creator.id}  # fmt: skip
    # read_replies skips unclear replies unless she has answered the question about them.
    reading = read_replies([html for _, html in replies], vocab,
                           [answered.get(cid) for cid, _ in replies])  # fmt: skip
    email = (creator.email_address or "").lower() or None
    # Only the email domain names a member organisation (issue 10): a Basecamp company name is
    # whatever the person's account says and must never stand in for one. Unknown stays None.
    org = ctx.config.network.organisation_for(email)
    t.save_person(
        conn, rnd.key, creator.id, ctx.now, name=creator.name, email=email,
        sgid=creator.attachable_sgid, org=org.name if org else None,
        level=reading.seniority or level_of(creator.title, vocab), role=reading.role,
        offers=reading.offers, wants=reading.wants,
        capacity=min(reading.capacity, rnd.max_capacity), preferences=reading.preferences,
    )  # fmt: skip
    return reading


def _sync_call(ctx: JobContext, rnd: MentoringRound, call_id: int) -> None:
    """Read the whole call thread (the poll may not have caught up yet)."""
    live = [c for c in ctx.client.comments(call_id) if is_member(c.creator, ctx.me.id)]
    with ctx.store.transaction() as conn:
        for comment in live:
            save_call_reply(ctx, conn, rnd, comment, trashed=False)


# ---- matching ---------------------------------------------------------------------------------


def candidates(conn: Any, rnd: MentoringRound) -> tuple[list[Person], dict[int, dict]]:
    """The matcher's view of everyone in the round, plus people carried over from earlier."""
    this_round = t.people(conn, rnd.key)
    rows = {r["person_id"]: r for r in this_round if r["role"] != "none"}
    # Someone kept from an earlier round who says "not this time" now must not be matched.
    vocab = rnd.vocabulary()
    declined = {
        r["person_id"] for r in this_round if r["role"] == "none" and any(
            (reading := read_reply(html, vocab)).sure and reading.intent in ("withdraw", "decline")
            for html in t.person_replies(conn, rnd.key, r["person_id"]))
    }  # fmt: skip
    # ...and so must someone who answered the bot's question with "not this time" (a boost).
    declined |= {q.person_id for q in questions(conn, CALL, rnd.key, "answered")
                 if q.answer in ("withdraw", "decline")}  # fmt: skip
    for r in t.unmatched_elsewhere(conn, rnd.key):
        if r["person_id"] not in rows and r["person_id"] not in declined:
            # her own reply this round wins over an old one
            carried = r["carried_from"] or r["round_key"]
            rows[r["person_id"]] = {**r, "role": "mentee", "capacity": 0, "carried_from": carried}
    people = [
        Person(
            id=r["person_id"], name=r["name"], org=r["org"], level=r["level"],
            offers=frozenset(r["offers"]), wants=frozenset(r["wants"]),
            capacity=r["capacity"] if r["role"] in ("mentor", "both") else 0,
            mentee=r["role"] in ("mentee", "both"), preferences=frozenset(r["preferences"]),
        )
        for r in rows.values()
    ]  # fmt: skip
    return people, rows


def previous_pairs(conn: Any, rnd: MentoringRound, rows: dict[int, dict]) -> set[tuple[int, int]]:
    """Pairs from earlier rounds, from the store and from config (by email)."""
    found = t.earlier_pairs(conn, rnd.key)
    by_email = {r["email"]: pid for pid, r in rows.items() if r.get("email")}
    for a, b in rnd.previous_pairs:
        if a.lower() in by_email and b.lower() in by_email:
            found.add((by_email[a.lower()], by_email[b.lower()]))
    return found


def compute_matches(store: Any, rnd: MentoringRound) -> tuple[MatchResult, dict[int, dict]]:
    """The optimal pairs for the round as the store stands (nothing saved)."""
    with store.transaction() as conn:
        people, rows = candidates(conn, rnd)
        previous = previous_pairs(conn, rnd, rows)
    return match(people, rnd.rules(), previous), rows


def propose_pairs(ctx: JobContext, rnd: MentoringRound) -> MatchResult:
    """Match and save the proposal; the round moves to `matched`."""
    row = _row(ctx, rnd.key)
    if row is not None and row.call_message_id:
        _sync_call(ctx, rnd, row.call_message_id)
    result, rows = compute_matches(ctx.store, rnd)
    with ctx.store.transaction() as conn:
        for r in rows.values():
            if r.get("carried_from") and r["round_key"] != rnd.key:  # now part of this round
                fields = {k: r[k] for k in ("name", "email", "sgid", "org", "level", "offers",
                                            "wants", "preferences", "carried_from")}  # fmt: skip
                t.save_person(conn, rnd.key, r["person_id"], ctx.now, role="mentee", capacity=0,
                              **fields)  # fmt: skip
        t.replace_pairs(conn, rnd.key, [asdict(p) for p in result.pairs], ctx.now)
        t.set_round(conn, rnd.key, ctx.now, stage="matched")
    for q in asking.open_questions(ctx, CALL, rnd.key):
        asking.settle(ctx, q, None, "round matched")  # nobody waits on a matched round
    # Not exact only when the solver stopped at its time limit: staff should hear of that.
    ctx.log.log(logging.INFO if result.exact else logging.WARNING,
                "mentoring: %s matched %d pairs, %d mentees unmatched, total %g (exact: %s, "
                "gap: %g)", rnd.key, len(result.pairs), len(result.unmatched_mentees),
                result.total, "yes" if result.exact else "no", result.gap)  # fmt: skip
    return result


def pair_rows(store: Any, rnd: MentoringRound, status: str | None = None) -> list[dict]:
    """Pairs with both people's details, for templates and commands."""
    with store.transaction() as conn:
        people = {r["person_id"]: r for r in t.people(conn, rnd.key)}
        found = t.pairs(conn, rnd.key, status)
    for p in found:
        p["mentor"] = _who(people.get(p["mentor_id"]), p["mentor_id"])
        p["mentee"] = _who(people.get(p["mentee_id"]), p["mentee_id"])
    return found


def _who(row: dict | None, pid: int) -> dict[str, Any]:
    if row is None:
        return {"id": pid, "name": f"person {pid}", "attachable_sgid": None, "org": None,
                "level": None}  # fmt: skip
    return {"id": pid, "name": row["name"], "attachable_sgid": row["sgid"], "org": row["org"],
            "level": row["level"], "email": row["email"]}  # fmt: skip


# ---- approval ---------------------------------------------------------------------------------


def _post_approval(ctx: JobContext, rnd: MentoringRound) -> None:
    assert rnd.approval_project
    place = _place(ctx, rnd.approval_project)
    if place.board_id is None:
        raise posting.SetupError(
            f"mentoring {rnd.key}: {rnd.approval_project} needs a Message Board"
        )
    proposed = pair_rows(ctx.store, rnd, "proposed")
    subject, body = ctx.renderer.render_post(
        "mentoring_approval", round=rnd, pairs=proposed, approvers=_approver_names(ctx, rnd))
    message = ctx.outbox.create_message(f"mentoring:{rnd.key}:approval", place.board_id,
                                        subject, body)  # fmt: skip
    if message is None:
        return
    ctx.reader.watch(message.id, place.project_id, APPROVAL, rnd.key)
    _set_round(ctx, rnd.key, approval_message_id=message.id)


def _approvers(ctx: JobContext, rnd: MentoringRound) -> set[str]:
    return {e.lower() for e in rnd.approvers} or {s.email for s in ctx.config.network.staff}


def _approver_names(ctx: JobContext, rnd: MentoringRound) -> list[str]:
    emails = _approvers(ctx, rnd)
    return [s.name for s in ctx.config.network.staff if s.email in emails] or sorted(emails)


@register(APPROVAL)
def handle_approval_reply(ctx: JobContext, change: ReplyChange) -> None:
    """A configured staff member approves, drops or holds pairs; nobody else's reply counts.

    Only whole-reply commands act. Editing or trashing the approving reply before the
    introductions are posted withdraws the approval (an edit is then read afresh).
    """
    rnd = _round(ctx, change.thread.key)
    comment = change.comment
    email = (comment.creator.email_address or "").lower()
    if rnd is None or email not in _approvers(ctx, rnd):
        return
    row = _row(ctx, rnd.key)
    if row is None:
        return
    if row.stage in ("matched", "approved") and change.change in ("edited", "trashed"):
        # Before introductions, an edited or trashed staff reply no longer stands: its
        # approval is withdrawn and the pairs it dropped or held are proposed again.
        with ctx.store.transaction() as conn:
            undone = t.undo_decisions(conn, rnd.key, comment.id, ctx.now)
            if row.stage == "approved" and row.approval_comment_id == comment.id:
                t.set_round(conn, rnd.key, ctx.now, stage="matched", approved_by=None,
                            approval_comment_id=None)  # fmt: skip
                undone += 1
        if undone:
            ctx.log.info("mentoring: %s reply %s %s: its decisions withdrawn", rnd.key,
                         comment.id, change.change)  # fmt: skip
        row = _row(ctx, rnd.key)
    if change.change == "trashed" or row.stage != "matched":
        return  # introduced (or approved by another reply): the proposal is settled
    answer = read_approval(comment.content)
    if not answer.understood:
        body = ctx.renderer.render("mentoring_approval_unclear", person=comment.creator)
        ctx.outbox.create_comment(f"mentoring:{rnd.key}:approval:unclear:{comment.id}",
                                  change.thread.recording_id, body)  # fmt: skip
        return
    proposed = pair_rows(ctx.store, rnd, "proposed")
    keyed = [(p["mentor_id"], p["mentee_id"], p["mentor"]["name"], p["mentee"]["name"])
             for p in proposed]  # fmt: skip
    unknown = []
    with ctx.store.transaction() as conn:
        for status, named in (("dropped", answer.drops), ("held", answer.holds)):
            for drop in named:
                hits = find_pair(drop, keyed)
                if len(hits) != 1:
                    unknown.append(drop)
                    continue
                mentor_id, mentee_id, _, _ = keyed[hits[0]]
                t.set_pair(conn, rnd.key, mentor_id, mentee_id, ctx.now, status=status,
                           decided_by=comment.id)  # fmt: skip
        if answer.approve:
            t.set_round(conn, rnd.key, ctx.now, stage="approved", approved_by=comment.creator.name,
                        approval_comment_id=comment.id)  # fmt: skip
    if unknown:
        names = "; ".join(f"{a} & {b}" for a, b in unknown)
        body = ctx.renderer.render("mentoring_approval_unknown", names=names,
                                   person=comment.creator)  # fmt: skip
        ctx.outbox.create_comment(f"mentoring:{rnd.key}:approval:unknown:{comment.id}",
                                  change.thread.recording_id, body)  # fmt: skip
    ctx.outbox.create_boost(f"ack:comment:{comment.id}", comment.id, ACK)


# ---- introductions ----------------------------------------------------------------------------


def _introduce(ctx: JobContext, rnd: MentoringRound, row: Any) -> None:
    call_place = posting.place_of(ctx.client.project(row.call_project_id))
    intro_place = _place(ctx, rnd.introductions_project) if rnd.introductions_project \
        else call_place  # fmt: skip
    for pair in pair_rows(ctx.store, rnd, "proposed"):
        context = {"round": rnd, "pair": pair, "mentor": pair["mentor"], "mentee": pair["mentee"],
                   "reasons": pair["reasons"], "prompts": rnd.prompts}  # fmt: skip
        key = f"mentoring:{rnd.key}:intro:{pair['mentor_id']}-{pair['mentee_id']}"
        subject, body = ctx.renderer.render_post("mentoring_introduction", **context)
        if rnd.introduce_via == "comment":
            posted = ctx.outbox.create_comment(key, row.call_message_id, body)
        elif rnd.introduce_via == "message":
            if intro_place.board_id is None:
                raise posting.SetupError(f"mentoring {rnd.key}: no Message Board for introductions")
            posted = ctx.outbox.create_message(key, intro_place.board_id, subject, body)
        else:
            if intro_place.chat_id is None:
                raise posting.SetupError(f"mentoring {rnd.key}: no Campfire for introductions")
            posted = ctx.outbox.create_campfire_line(key, intro_place.chat_id, body, rich=True)
        if posted is None:
            return  # dry run: nothing more can be recorded
        with ctx.store.transaction() as conn:
            t.set_pair(conn, rnd.key, pair["mentor_id"], pair["mentee_id"], ctx.now,
                       status="introduced")  # fmt: skip
    _tell_unmatched(ctx, rnd, row)
    if row.approval_message_id:
        ctx.reader.unwatch(row.approval_message_id)  # the proposal is settled
    _set_round(ctx, rnd.key, stage="introduced")


def unmatched_people(store: Any, rnd: MentoringRound) -> tuple[list[dict], list[dict]]:
    """(mentees without a mentor, mentors without a mentee) once introductions are settled."""
    introduced = pair_rows(store, rnd, "introduced")
    with store.transaction() as conn:
        rows = t.people(conn, rnd.key)
    mentees = {p["mentee_id"] for p in introduced}
    mentors = {p["mentor_id"] for p in introduced}
    left = [_who(r, r["person_id"]) for r in rows
            if r["role"] in ("mentee", "both") and r["person_id"] not in mentees]  # fmt: skip
    spare = [_who(r, r["person_id"]) for r in rows
             if r["role"] in ("mentor", "both") and r["person_id"] not in mentors]  # fmt: skip
    return left, spare


def _tell_unmatched(ctx: JobContext, rnd: MentoringRound, row: Any) -> None:
    mentees, mentors = unmatched_people(ctx.store, rnd)
    if not mentees and not mentors:
        return
    body = ctx.renderer.render("mentoring_unmatched", round=rnd, mentees=mentees, mentors=mentors)
    ctx.outbox.create_comment(f"mentoring:{rnd.key}:unmatched", row.call_message_id, body)


# ---- follow-up --------------------------------------------------------------------------------


def _follow_up(ctx: JobContext, rnd: MentoringRound, row: Any) -> None:
    place = posting.place_of(ctx.client.project(row.call_project_id))
    pairs = pair_rows(ctx.store, rnd, "introduced")
    if pairs:
        subject, body = ctx.renderer.render_post("mentoring_followup", round=rnd, pairs=pairs)
        message = ctx.outbox.create_message(f"mentoring:{rnd.key}:followup", place.board_id,
                                            subject, body)  # fmt: skip
        if message is None:
            return
        ctx.reader.watch(message.id, place.project_id, FOLLOWUP, rnd.key)
    ctx.reader.unwatch(row.call_message_id)
    _set_round(ctx, rnd.key, stage="followed_up")


@register(FOLLOWUP)
def handle_followup_reply(ctx: JobContext, change: ReplyChange) -> None:
    """Record whether the replier's pair (or pairs) have met."""
    rnd = _round(ctx, change.thread.key)
    if rnd is None or change.change == "trashed":
        return
    comment = change.comment
    met = read_met(comment.content)
    if met is None:
        return
    me = comment.creator.id
    introduced = pair_rows(ctx.store, rnd, "introduced")
    mine = [p for p in introduced if me in (p["mentor_id"], p["mentee_id"])]
    named = [p for p in mine if _names_partner(comment.content, p, me)]
    with ctx.store.transaction() as conn:
        for p in named or mine:
            t.set_pair(conn, rnd.key, p["mentor_id"], p["mentee_id"], ctx.now, met=met,
                       met_reply_id=comment.id)  # fmt: skip
    if mine:
        ctx.outbox.create_boost(f"ack:comment:{comment.id}", comment.id, ACK)


def _names_partner(html: str, pair: dict, me: int) -> bool:
    partner = pair["mentee"] if pair["mentor_id"] == me else pair["mentor"]
    sgid, first = partner.get("attachable_sgid"), (partner["name"].split() or [""])[0]
    if sgid and sgid in (html or ""):
        return True
    return bool(first) and re.search(rf"\b{re.escape(first)}\b", reply_text(html), re.I) is not None


def report(store: Any, rnd: MentoringRound) -> dict[str, Any]:
    """How far a round has got and how many pairs have met."""
    with store.transaction() as conn:
        row = t.round_row(conn, rnd.key)
    pairs = pair_rows(store, rnd)
    introduced = [p for p in pairs if p["status"] == "introduced"]
    return {
        "round": rnd.key,
        "stage": row.stage if row else "not started",
        "proposed": sum(p["status"] != "dropped" for p in pairs),
        "dropped": sum(p["status"] == "dropped" for p in pairs),
        "introduced": len(introduced),
        "met": sum(p["met"] is True for p in introduced),
        "not_yet": sum(p["met"] is False for p in introduced),
        "no_answer": sum(p["met"] is None for p in introduced),
    }


# ---- sample data for `loti-bot check` ---------------------------------------------------------

_ADA = {"name": "Ada Okafor", "org": "London Borough of Camden", "level": "director",
        "attachable_sgid": "BAh7CEkiCGdpZAY6BkVUSSIsZ2lkOi8vYmMzL1BlcnNvbi8x"}  # fmt: skip
_GRACE = {"name": "Grace Lim", "org": "London Borough of Brent", "level": "officer",
          "attachable_sgid": "BAh7CEkiCGdpZAY6BkVUSSIsZ2lkOi8vYmMzL1BlcnNvbi8y"}  # fmt: skip
_PAIR = {"mentor": _ADA, "mentee": _GRACE, "shared_topics": ["cloud"], "mentor_id": 1,
         "mentee_id": 2, "reasons": ["Grace Lim would like support with cloud, which Ada Okafor "
                                     "offered to mentor on"]}  # fmt: skip


def _sample_round(config: Any) -> MentoringRound:
    rounds = getattr(config, "mentoring", None) or []
    if rounds:
        return rounds[0]
    return MentoringRound(key="sample", title="Sample mentoring round",
                          call_at=datetime(2027, 2, 1, 10), match_at=datetime(2027, 2, 22, 10),
                          introduce_at=datetime(2027, 2, 24, 10), approval=False,
                          topics={"cloud": ("azure",), "leadership": ()})  # fmt: skip


register_sample("mentoring_call")(lambda c: call_context(_sample_round(c)))
register_sample("mentoring_approval")(lambda c: {"round": _sample_round(c), "pairs": [_PAIR],
                                                 "approvers": ["Priya Raman"]})  # fmt: skip
register_sample("mentoring_approval_unknown")(lambda c: {"names": "Ada & Sam", "person": _ADA})
register_sample("mentoring_approval_unclear")(lambda c: {"person": _ADA})
register_sample("mentoring_introduction")(lambda c: {
    "round": _sample_round(c), "pair": _PAIR, "mentor": _ADA, "mentee": _GRACE,
    "reasons": _PAIR["reasons"], "prompts": _sample_round(c).prompts})  # fmt: skip
register_sample("mentoring_unmatched")(lambda c: {"round": _sample_round(c), "mentees": [_GRACE],
                                                  "mentors": [_ADA]})  # fmt: skip
register_sample("mentoring_followup")(lambda c: {"round": _sample_round(c), "pairs": [_PAIR]})

if plan not in PLANNERS:
    PLANNERS.append(plan)
