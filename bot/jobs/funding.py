"""Borough funding: ask an organisation's confirmer to fund a waiting colleague, read the answer.

fetch (the recruitment thread's ledger; replies on each ask) -> decide (core.funding) ->
save (funding_requests) -> post (Outbox). A yes becomes a "borough" entry in the sign-up
ledger (bot.jobs.signups_state asks `borough_entries` and `ledger_funding`), which gives the
person a place paid for by their organisation; the sign-up job then tells them, as it does
for any promotion. Outbox keys: `funding:<cohort>:ask:<person>`,
`funding:<cohort>:<person>:yes|no|declined`, `funding:<cohort>:<person>:unsure:<answer>`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update

from bot.basecamp.models import is_member
from bot.basecamp.richtext import html_to_text
from bot.core.funding import read_answer, to_ask
from bot.core.ledger import Entry, Funding
from bot.core.replies import ReplyContext, classify
from bot.jobs import planner, poll
from bot.jobs.posting import network, people_by_email
from bot.render import register_sample
from bot.store.programme_tables import funding_requests as fr

if TYPE_CHECKING:
    from bot.config.cohorts import Cohort
    from bot.jobs.context import JobContext
    from bot.threads import ReplyChange

log = logging.getLogger(__name__)
KIND = "funding"


def _first(name: str) -> str:
    return (name or "").split(" ")[0] or name


def cohort_for(ctx: Any, thread_key: str) -> Cohort | None:
    """The funded cohort whose recruitment thread this is, if any."""
    for c in getattr(ctx.config, "cohorts", None) or ():
        if c.funding is not None and thread_key == f"cohort:{c.key}:recruitment":
            return c
    return None


def ledger_funding(ctx: Any, thread_key: str) -> Funding | None:
    """The ledger's funding rules for a sign-up thread (None: nobody pays, as for events)."""
    c = cohort_for(ctx, thread_key)
    if c is None or c.funding is None:
        return None
    return Funding(borough_places=c.capacity - c.funding.loti_places)


def _requests(ctx: Any, thread_key: str) -> list[Any]:
    cache = vars(ctx).setdefault("_funding_cache", {})
    if thread_key not in cache:
        with ctx.store.transaction() as conn:
            cache[thread_key] = list(conn.execute(select(fr).where(fr.c.thread_key == thread_key)))
    return cache[thread_key]


def _forget(ctx: Any, thread_key: str) -> None:
    vars(ctx).setdefault("_funding_cache", {}).pop(thread_key, None)
    from bot.jobs.signups_state import cache_of

    cache_of(ctx).setdefault("changed", set()).add(thread_key)  # refresh the sign-up thread


def borough_entries(ctx: Any, thread_key: str) -> list[Entry]:
    """Each organisation's yes, as a ledger entry at the time it was given."""
    if cohort_for(ctx, thread_key) is None:
        return []
    return [
        Entry(f"funding:{r.person_id:015d}", f"person:{r.person_id}", r.decided_at, "borough",
              r.organisation)
        for r in _requests(ctx, thread_key)
        if r.status == "yes" and r.decided_at is not None
    ]


def confirmers(ctx: Any, c: Cohort) -> dict[str, str]:
    """Who confirms for each organisation: a named budget holder, else its champion."""
    assert c.funding is not None
    out = {o.key: o.champion for o in ctx.config.network.organisations if o.champion}
    out.update({x.organisation: x.email for x in c.funding.confirmers})
    return out


# ---- asking -------------------------------------------------------------------------------


def ask_organisations(ctx: JobContext) -> None:
    """Ask confirmers about people only their organisation's funding can give a place now."""
    from bot.config.signups import SignupRules
    from bot.jobs.signups_state import thread_ledger, thread_rows
    from bot.store import signups_repo as repo

    watched = {t.key for t in ctx.reader.threads("signup")}
    for c in ctx.config.cohorts:
        key = f"cohort:{c.key}:recruitment"
        if c.funding is None or not c.funding.ask_organisations or key not in watched:
            continue
        with ctx.store.transaction() as conn:
            thread = repo.thread(conn, key)
        if thread is None:
            continue
        ledger = thread_ledger(ctx, thread, SignupRules.model_validate_json(thread.rules))
        by_org = confirmers(ctx, c)
        already = {f"person:{r.person_id}" for r in _requests(ctx, key)}
        borough = c.capacity - c.funding.loti_places
        people = to_ask(ledger, borough, set(by_org), already)
        if not people:
            continue
        replies = {f"person:{r.person_id}": r for r in thread_rows(ctx, key)}
        for person in people:
            reply = replies.get(person.who)
            if reply is None:
                continue  # added by staff by email: staff arrange their funding themselves
            _ask(ctx, c, key, reply, person.org or "", by_org[person.org or ""])


def _ask(ctx: JobContext, c: Cohort, thread_key: str, reply: Any, org_key: str,
         email: str) -> None:
    assert c.funding is not None
    confirmer = people_by_email(ctx).get(email)
    if confirmer is None or not confirmer.attachable_sgid:
        ctx.log.warning("funding: %s: %s's confirmer is not in Basecamp; not asked", c.key,
                        org_key)
        return
    org = next(o for o in ctx.config.network.organisations if o.key == org_key)
    net = network(ctx)
    if confirmer.id not in {p.id for p in ctx.client.project_people(net.project_id)}:
        # A budget holder may not be in the network yet: a mention only reaches project people.
        ctx.outbox.update_project_access(f"funding:{c.key}:access:{confirmer.id}",
                                         net.project_id, grant=[confirmer.id])
    subject, body = ctx.renderer.render_post(
        "funding_ask", cohort=c, organisation=org.name, cost=c.funding.cost_per_place,
        confirmer=confirmer, person={"name": reply.name, "first_name": _first(reply.name)})
    message = ctx.outbox.create_message(f"funding:{c.key}:ask:{reply.person_id}", net.board_id,
                                        subject, body, subscriptions=[confirmer.id])
    if message is None:
        return  # dry run
    with ctx.store.transaction() as conn:
        conn.execute(fr.insert().values(
            thread_key=thread_key, person_id=reply.person_id, name=reply.name, sgid=reply.sgid,
            organisation=org_key, confirmer_email=email, message_id=int(message.id),
            status="asked", asked_at=ctx.now))
    vars(ctx).setdefault("_funding_cache", {}).pop(thread_key, None)
    ctx.reader.watch(int(message.id), net.project_id, KIND, f"funding:{c.key}:{reply.person_id}")
    log.info("funding: %s: asked %s to fund person %s", c.key, org_key, reply.person_id)


# ---- answers --------------------------------------------------------------------------------


@poll.register(KIND)
def handle_funding_reply(ctx: JobContext, change: ReplyChange) -> None:
    """Read an answer on an ask: only the organisation's confirmer's answer counts."""
    comment = change.comment
    if change.change == "trashed" or not is_member(comment.creator, ctx.me.id):
        return
    with ctx.store.transaction() as conn:
        row = conn.execute(select(fr).where(fr.c.message_id == change.thread.recording_id)).first()
    if row is None or row.status != "asked":
        return  # already answered: a later reply changes nothing
    c = cohort_for(ctx, row.thread_key)
    if c is None:
        return
    if (comment.creator.email_address or "").strip().lower() != row.confirmer_email:
        log.info("funding: %s: reply %s is not from %s's confirmer; not counted", c.key,
                 comment.id, row.organisation)
        return
    ask = ctx.client.message(change.thread.recording_id)
    reading = classify(comment.content or "", ctx.config.replies,
                       ReplyContext(announcement=f"{ask.subject}\n{html_to_text(ask.content)}",
                                    awaiting_answer=True))
    answer = read_answer(reading.intent, reading.sure)
    log.info("funding: %s: %s's answer %s read as %s", c.key, row.organisation, comment.id, answer)
    org = next((o.name for o in ctx.config.network.organisations if o.key == row.organisation),
               row.organisation)
    confirmer = {"name": comment.creator.name, "first_name": _first(comment.creator.name),
                 "attachable_sgid": comment.creator.attachable_sgid}
    person = {"name": row.name, "first_name": _first(row.name), "attachable_sgid": row.sgid}
    base = f"funding:{c.key}:{row.person_id}"

    def say(kind: str, key: str, recording_id: int) -> None:
        body = ctx.renderer.render("funding_reply", kind=kind, cohort=c, organisation=org,
                                   confirmer=confirmer, person=person)
        ctx.outbox.create_comment(key, recording_id, body)

    if answer == "unsure":
        say("unsure", f"{base}:unsure:{comment.id}", change.thread.recording_id)
        return
    with ctx.store.transaction() as conn:
        conn.execute(update(fr).where(fr.c.thread_key == row.thread_key,
                                      fr.c.person_id == row.person_id)
                     .values(status=answer, decided_at=comment.created_at,
                             answer_comment_id=comment.id))
    _forget(ctx, row.thread_key)
    if answer == "yes":
        kind = "yes" if _funded(ctx, row.thread_key, row.person_id) else "not_needed"
        say(kind, f"{base}:yes", change.thread.recording_id)
        return
    say("no", f"{base}:no", change.thread.recording_id)
    from bot.store import signups_repo as repo

    with ctx.store.transaction() as conn:
        thread = repo.thread(conn, row.thread_key)
    if thread is not None:
        say("declined", f"{base}:declined", thread.recording_id)


def _funded(ctx: JobContext, thread_key: str, person_id: int) -> bool:
    """Whether the yes gave the person a place (they may have withdrawn or got a LOTI one)."""
    from bot.config.signups import SignupRules
    from bot.jobs.signups_state import thread_ledger
    from bot.store import signups_repo as repo

    with ctx.store.transaction() as conn:
        thread = repo.thread(conn, thread_key)
    if thread is None:
        return False
    ledger = thread_ledger(ctx, thread, SignupRules.model_validate_json(thread.rules))
    person = ledger.people.get(f"person:{person_id}")
    return person is not None and person.funded_by not in (None, "loti")


def _after_poll(ctx: JobContext) -> None:
    if any(c.funding is not None for c in ctx.config.cohorts):
        ask_organisations(ctx)


def _plan(ctx: JobContext) -> None:
    _after_poll(ctx)


if _after_poll not in poll.AFTER_POLL:
    poll.AFTER_POLL.append(_after_poll)
if _plan not in planner.PLANNERS:
    planner.PLANNERS.append(_plan)


# ---- samples for `loti-bot check` -----------------------------------------------------------


def _sample_cohort(config: Any) -> Any:
    from bot.render_samples import SAMPLE_COHORT

    cohorts = getattr(config, "cohorts", None) or []
    return cohorts[0] if cohorts else SAMPLE_COHORT


_SAM = {"name": "Sam Lee", "first_name": "Sam", "attachable_sgid": "SAMPLE-SAM"}
_RUTH = {"name": "Ruth Obi", "first_name": "Ruth", "attachable_sgid": "SAMPLE-RUTH"}


@register_sample("funding_ask")
def _sample_ask(config: Any) -> dict[str, Any]:
    return {"cohort": _sample_cohort(config), "organisation": "Camden", "cost": 590,
            "confirmer": _RUTH, "person": _SAM}


@register_sample("funding_reply")
def _sample_reply(config: Any) -> dict[str, Any]:
    return {"kind": "declined", "cohort": _sample_cohort(config), "organisation": "Camden",
            "confirmer": _RUTH, "person": _SAM}


# ---- the staff coverage summary -------------------------------------------------------------


def coverage_summary(ctx: JobContext, c: Cohort) -> dict[str, Any] | None:
    """LOTI's spend against its budget, borough-funded places, organisations below two."""
    from bot.config.signups import SignupRules
    from bot.core.funding import summary
    from bot.jobs.signups_state import thread_ledger
    from bot.store import signups_repo as repo

    if c.funding is None:
        return None
    with ctx.store.transaction() as conn:
        thread = repo.thread(conn, f"cohort:{c.key}:recruitment")
    if thread is None:
        return None
    ledger = thread_ledger(ctx, thread, SignupRules.model_validate_json(thread.rules))
    orgs = ctx.config.network.organisations
    s = summary(ledger, c.funding.loti_places, c.funding.cost_per_place, [o.key for o in orgs])
    names = {o.key: o.name for o in orgs}
    return {
        "loti_taken": s.loti_taken, "loti_places": s.loti_places,
        "loti_spend": s.loti_spend, "loti_budget": s.loti_budget,
        "borough": [{"name": names.get(k, k), "places": n} for k, n in s.borough.items()],
        "below_two": [names[k] for k in s.below_two],
    }
