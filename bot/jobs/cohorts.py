"""Cohorts: recruitment, nudges, the cohort project, and reflection sessions.

Every step has its own outbox key (`cohort:<key>:project`, `cohort:<key>:access`,
`cohort:<key>:session:2:agenda`, ...), so a run that fails halfway finishes the rest next time
and a rerun never makes a second project, invitation or post.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.basecamp.models import NewPerson
from bot.basecamp.richtext import html_to_text
from bot.config.cohorts import Cohort, SessionPlan
from bot.core.calendar import PlannedPost, catch_up, lead_time, local_datetime
from bot.jobs import posting
from bot.jobs.planner import PLANNERS

if TYPE_CHECKING:
    from bot.config.network import NetworkConfig
    from bot.jobs.context import JobContext

logger = logging.getLogger(__name__)
MORNING = time(9, 0)


# ---- pure: what each cohort plans ----------------------------------------------------------


def end_of_day(day: Any, tz: ZoneInfo) -> datetime:
    """Midnight at the end of `day`, London time."""
    return local_datetime(day + timedelta(days=1), time(0, 0), tz)


def cohort_plan(c: Cohort, tz: ZoneInfo) -> list[PlannedPost]:
    """Every post a cohort may need, each with when it is due and when it stops mattering."""
    k = f"cohort:{c.key}"
    posts = []
    r = c.recruitment
    if r is not None:
        at = r.post_time
        posts.append(PlannedPost(f"{k}:recruitment", "recruitment",
                                 local_datetime(r.announce_on, at, tz),
                                 end_of_day(r.closes_on, tz)))
        for day in r.nudges:
            posts.append(PlannedPost(f"{k}:nudge:{day.isoformat()}", "nudge",
                                     local_datetime(day, at, tz),
                                     end_of_day(r.reservation_deadline, tz),
                                     follows=f"{k}:recruitment"))
    course_end = local_datetime(c.course_end, time(0, 0), tz)
    posts.append(PlannedPost(f"{k}:setup", "setup", local_datetime(c.setup_on, MORNING, tz),
                             course_end))
    days_before = c.reflection.agenda_days_before
    for s in c.sessions(tz):
        sk = f"{k}:session:{s.number}"
        posts.append(PlannedPost(f"{sk}:agenda", "agenda",
                                 lead_time(s.starts_at, days_before, MORNING, tz), s.starts_at))
        posts.append(PlannedPost(f"{sk}:reminder", "reminder",
                                 lead_time(s.starts_at, 1, MORNING, tz), s.starts_at))
        after = s.ends_at + timedelta(minutes=c.reflection.follow_up_minutes_after)
        posts.append(PlannedPost(f"{sk}:followup", "followup", after, after + timedelta(days=7)))
    from bot.jobs.network_join import network_posts

    posts += network_posts(c, tz)
    if c.check_in is not None:
        posts.append(PlannedPost(f"{k}:checkin:pause", "checkin_pause", course_end))
    return posts


@dataclass(frozen=True)
class OrgCoverage:
    """How many places one member organisation has taken."""

    key: str
    name: str
    taken: int
    needed: int
    champion_email: str | None


def coverage(network: NetworkConfig, emails: list[str], minimum: int) -> list[OrgCoverage]:
    """Sign-ups per member organisation, fewest first (ties by name)."""
    taken: dict[str, int] = {o.key: 0 for o in network.organisations}
    for email in emails:
        org = network.organisation_for(email)
        if org is not None:
            taken[org.key] += 1
    rows = [
        OrgCoverage(o.key, o.name, taken[o.key], max(0, minimum - taken[o.key]), o.champion)
        for o in network.organisations
    ]
    return sorted(rows, key=lambda r: (r.taken, r.name))


def checkin_schedule(c: Cohort) -> dict[str, Any]:
    """The Basecamp question schedule for the cohort's check-in (days: "0" is Sunday)."""
    ci = c.check_in
    assert ci is not None
    weekday = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
               "sunday").index(ci.weekday)
    t12 = ci.time_of_day
    hour = t12.hour % 12 or 12
    return {
        "frequency": ci.frequency,
        "days": [str((weekday + 1) % 7)],
        "time_of_day": f"{hour}:{t12.minute:02d}{'am' if t12.hour < 12 else 'pm'}",
        "start_date": c.course_start.isoformat(),
        "end_date": (c.course_end - timedelta(days=1)).isoformat(),
    }


# ---- template contexts (also used by `check` and `preview`) ---------------------------------


def recruitment_context(c: Cohort, tz: ZoneInfo) -> dict[str, Any]:
    """Context for the recruitment announcement (without the places line)."""
    r = c.recruitment
    return {
        "cohort": c, "sessions": c.sessions(tz),
        "reservation_deadline": r.reservation_deadline if r else c.setup_on,
        "closes_on": r.closes_on if r else c.setup_on,
    }


def session_context(c: Cohort, n: int, tz: ZoneInfo) -> dict[str, Any]:
    """Context for a reflection-session template."""
    sessions = c.sessions(tz)
    if not 1 <= n <= len(sessions):
        raise ValueError(f"{c.key} has sessions 1 to {len(sessions)}, not {n}")
    return {
        "cohort": c, "session": sessions[n - 1], "total_sessions": len(sessions),
        "next_session": sessions[n] if n < len(sessions) else None,
    }


# ---- the planner ----------------------------------------------------------------------------


def plan(ctx: JobContext) -> None:
    """Post whatever is due now for every cohort."""
    if not ctx.config.cohorts:
        return
    planned = {c.key: cohort_plan(c, ctx.tz) for c in ctx.config.cohorts}
    # One query per cycle, however many cohorts.
    done = posting.finished_times(ctx, [p.key for posts in planned.values() for p in posts])
    failed: list[str] = []
    for cohort in ctx.config.cohorts:
        owed = catch_up(planned[cohort.key], ctx.now, done)
        for post in owed.missed:  # its moment has passed: skip it and tell staff once
            posting.isolated(ctx, post.key, failed,
                             lambda c=cohort, p=post: _report_missed(ctx, c, p))
        for post in owed.due:
            posting.isolated(ctx, post.key, failed, lambda c=cohort, p=post: _carry_out(ctx, c, p))
    if failed:
        raise posting.PlanFailed("cohorts", failed)


KIND_WORDS = {"recruitment": "the recruitment announcement", "nudge": "the places nudge",
              "setup": "setting up the project", "agenda": "the session agenda",
              "reminder": "the session reminder", "followup": "the session follow-up",
              "checkin_pause": "pausing the check-in"}


def _report_missed(ctx: JobContext, cohort: Cohort, post: PlannedPost) -> None:
    what = f"{KIND_WORDS.get(post.kind, post.kind)} for {cohort.name}"
    if ":session:" in post.key:
        what += f" (session {post.key.split(':session:')[1].split(':')[0]})"
    outcome = posting.report_missed(ctx, post, what)
    if outcome and not ctx.dry_run:
        posting.finish(ctx, post.key, post.kind, outcome)


def _carry_out(ctx: JobContext, cohort: Cohort, post: PlannedPost) -> None:
    outcome = STEPS[post.kind](ctx, cohort, post)
    if outcome and not ctx.dry_run:
        posting.finish(ctx, post.key, post.kind, outcome)


def _recruitment(ctx: JobContext, c: Cohort, post: PlannedPost) -> str | None:
    from bot.config.signups import SignupRules
    from bot.jobs.signups import PLACES_MARKER, open_signup_thread

    r = c.recruitment
    assert r is not None
    net = posting.network(ctx)
    subject, body = ctx.renderer.render_post(
        "recruitment_announcement", **recruitment_context(c, ctx.tz), places_line=PLACES_MARKER)
    first = body.replace(PLACES_MARKER, posting.initial_places_line(c.capacity))
    message = ctx.outbox.create_message(post.key, net.board_id, subject, first)
    if message is None:
        return None
    staff = ctx.config.network.staff
    capacity, minimum = c.capacity, c.per_org_minimum
    if c.funding is not None:  # the ledger's places are LOTI's; organisations fund the rest
        capacity = c.funding.loti_places
        minimum = 1 if c.funding.rule == "first_place_then_reply_order" else 0
    rules = SignupRules(
        capacity=capacity, closes_at=end_of_day(r.closes_on, ctx.tz), waitlist=True,
        per_org_minimum=minimum, per_org_maximum=c.per_org_maximum,
        reservation_deadline=end_of_day(r.reservation_deadline, ctx.tz),
        staff_contact=staff[0].email if staff else None,
    )
    open_signup_thread(ctx, post.key, message, net.project_id, rules,
                       announcement_subject=subject, announcement_html=body,
                       schedule_entry_id=None, title=c.name)
    return "posted"


def _nudge(ctx: JobContext, c: Cohort, post: PlannedPost) -> str | None:
    r = c.recruitment
    assert r is not None
    announcement = ctx.outbox.done(f"cohort:{c.key}:recruitment")
    if announcement is None:
        return "skipped"
    emails = [row["email"] for row in posting.roster_emails(ctx, f"cohort:{c.key}:recruitment")]
    rows = coverage(ctx.config.network, emails, c.per_org_minimum)
    by_email = posting.people_by_email(ctx)
    base = {"cohort": c, "reservation_deadline": r.reservation_deadline}
    posted = False
    if r.staff_project:
        staff_place = posting.place_of(posting.find_project(ctx, r.staff_project))
        table = [{"name": x.name, "taken": x.taken,
                  "champion_name": by_email[x.champion_email].name
                  if x.champion_email in by_email else None} for x in rows]
        subject, body = ctx.renderer.render_post(
            "staff_coverage", **base, coverage=table, total_taken=len(emails),
            as_of=post.due_at, funding=_funding_summary(ctx, c))
        posted |= ctx.outbox.create_message(f"{post.key}:staff", staff_place.board_id,
                                            subject, body) is not None
    if not any(x.needed > 0 for x in rows):
        return "posted" if posted else "skipped"
    net = posting.network(ctx)
    # Mention only champions on the network project: anyone else would never see it.
    on_network = {p.id for p in ctx.client.project_people(net.project_id)}
    champions = {e: p for e, p in by_email.items() if p.id in on_network}
    short = [{"name": x.name, "needed": x.needed, "champion": champions.get(x.champion_email or "")}
             for x in rows if x.needed > 0]
    subject, body = ctx.renderer.render_post(
        "recruitment_nudge", **base, short=short,
        announcement_url=announcement.app_url or announcement.url or "")
    done = ctx.outbox.create_message(post.key, net.board_id, subject, body)
    return "posted" if done is not None else None


def _funding_summary(ctx: JobContext, c: Cohort) -> dict[str, Any] | None:
    from bot.jobs.funding import coverage_summary

    return coverage_summary(ctx, c)


def _people_for(ctx: JobContext, c: Cohort) -> tuple[list[dict], list[dict], list[dict]]:
    """(participants, facilitators, staff) as {name, email, title, organisation}."""
    if c.participants_from == "list":
        participants = [p.model_dump() for p in c.participants]
    else:
        # Everyone who signed up replied in Basecamp, so they have a person id already.
        participants = [
            {"name": row["name"], "email": row["email"], "title": None, "organisation": None,
             "person_id": row["person_id"]}
            for row in posting.roster_emails(ctx, f"cohort:{c.key}:recruitment")
            if row["email"] or row["person_id"]
        ]
    for p in participants:
        org = ctx.config.network.organisation_for(p["email"] or None)
        p["organisation"] = p["organisation"] or (org.name if org else None)
    facilitators = [p.model_dump() for p in c.facilitators]
    staff = []
    for email in c.staff:
        member = ctx.config.network.staff_member(email)
        staff.append({"name": member.name if member else email, "email": email,
                      "title": member.role if member else None, "organisation": "LOTI"})
    return participants, facilitators, staff


def cohort_place(ctx: JobContext, c: Cohort) -> posting.Place | None:
    """The cohort project's tools, once the project exists."""
    rec = ctx.outbox.done(f"cohort:{c.key}:project")
    if rec is None or rec.id is None:
        return None
    return posting.place_of(ctx.client.project(rec.id))


def _setup(ctx: JobContext, c: Cohort, post: PlannedPost) -> str | None:
    k = f"cohort:{c.key}"
    if c.template:
        template = next((x for x in ctx.client.templates() if x.name == c.template), None)
        if template is None:
            raise posting.SetupError(f"{c.key}: no Basecamp template called {c.template!r}")
        project = ctx.outbox.construct_project(f"{k}:project", template.id, c.name,
                                               c.description or None)
    else:
        project = ctx.outbox.create_project(f"{k}:project", c.name, c.description or None)
    if project is None:
        # Dry run: nothing is built, but list the later steps too (against a stand-in
        # project: the outbox sends nothing, so its ids are never used).
        place = posting.Place(0, 0, 0, None, 0)
    else:
        place = posting.place_of(ctx.client.project(project.id))
    missing = [t for t in ("message_board", "schedule") if getattr(
        place, {"message_board": "board_id", "schedule": "schedule_id"}[t]) is None]
    if missing:
        raise posting.SetupError(f"{c.key}: the cohort project has no {', '.join(missing)}")

    participants, facilitators, staff = _people_for(ctx, c)
    by_email = posting.people_by_email(ctx)
    grant: set[int] = set()
    create: dict[str, NewPerson] = {}
    for p in [*participants, *facilitators, *staff]:
        known = by_email.get(p["email"] or "")
        if p.get("person_id") or known:
            grant.add(int(p.get("person_id") or known.id))
        elif p["email"]:
            create[p["email"]] = NewPerson(name=p["name"], email_address=p["email"],
                                           title=p.get("title"),
                                           company_name=p.get("organisation"))
    ctx.outbox.update_project_access(f"{k}:access", place.project_id, grant=sorted(grant),
                                     create=[create[e] for e in sorted(create)])
    on_project = list(ctx.client.project_people(place.project_id)) if project else []

    def found(group: list[dict]) -> list[Any]:
        ids = {p.get("person_id") for p in group} - {None}
        emails = {p["email"] for p in group if p["email"]}
        return [m for m in on_project
                if m.id in ids or (m.email_address or "").lower() in emails]

    participant_people, facilitator_people = found(participants), found(facilitators)

    sessions = c.sessions(ctx.tz)
    subject, body = ctx.renderer.render_post(
        c.welcome_template, cohort=c, facilitators=facilitator_people, sessions=sessions)
    ctx.outbox.create_message(f"{k}:welcome", place.board_id, subject, body)
    for s in sessions:
        ctx.outbox.create_schedule_entry(
            f"{k}:session:{s.number}:schedule", place.schedule_id,
            f"{c.name}: reflection session {s.number}", s.starts_at, s.ends_at,
            description=posting.where_html(s.link, s.venue),
            participant_ids=[p.id for p in participant_people],
        )
    if c.check_in is not None:
        if place.questionnaire_id is None:
            raise posting.SetupError(f"{c.key}: the cohort project has no Automatic Check-ins")
        ctx.outbox.create_question(f"{k}:checkin", place.questionnaire_id, c.check_in.title,
                                   checkin_schedule(c))
    return "posted" if project is not None else None


def _session(c: Cohort, post: PlannedPost, tz: ZoneInfo) -> SessionPlan:
    number = int(post.key.split(":")[3])
    return c.sessions(tz)[number - 1]


def _agenda(ctx: JobContext, c: Cohort, post: PlannedPost) -> str | None:
    place = cohort_place(ctx, c)
    if place is None:
        ctx.log.warning("cohorts: %s agenda due but the project is not set up yet", c.key)
        return None
    s = _session(c, post, ctx.tz)
    subject, body = ctx.renderer.render_post(c.reflection.agenda_template,
                                             **session_context(c, s.number, ctx.tz))
    done = ctx.outbox.create_message(post.key, place.board_id, subject, body)
    return "posted" if done is not None else None


def _participants_in(ctx: JobContext, c: Cohort, place: posting.Place) -> list[Any]:
    """People on the cohort project other than the bot, facilitators and staff."""
    leaders = {p.email for p in c.facilitators} | set(c.staff)
    return [p for p in ctx.client.project_people(place.project_id)
            if p.id != ctx.me.id and (p.email_address or "").lower() not in leaders]


def _reminder(ctx: JobContext, c: Cohort, post: PlannedPost) -> str | None:
    place = cohort_place(ctx, c)
    if place is None:
        return None
    s = _session(c, post, ctx.tz)
    # After downtime the reminder can go out on the day itself: it must not say "tomorrow".
    context = session_context(c, s.number, ctx.tz) | {"today": ctx.now.astimezone(ctx.tz).date()}
    if c.reflection.reminder_via == "campfire" and place.chat_id is not None:
        body = ctx.renderer.render("reflection_reminder", **context, participants=[])
        done = ctx.outbox.create_campfire_line(post.key, place.chat_id, html_to_text(body))
        return "posted" if done is not None else None
    people = _participants_in(ctx, c, place)
    body = ctx.renderer.render("reflection_reminder", **context, participants=people)
    agenda = ctx.outbox.done(post.key.replace(":reminder", ":agenda"))
    if agenda is not None and agenda.id is not None:
        done = ctx.outbox.create_comment(post.key, agenda.id, body)
    else:
        subject = ctx.renderer.render_subject("reflection_reminder", **context, participants=[])
        done = ctx.outbox.create_message(post.key, place.board_id, subject, body)
    return "posted" if done is not None else None


def _followup(ctx: JobContext, c: Cohort, post: PlannedPost) -> str | None:
    place = cohort_place(ctx, c)
    if place is None:
        return None
    s = _session(c, post, ctx.tz)
    from bot.jobs.network_join import followup_extras

    subject, body = ctx.renderer.render_post("reflection_followup",
                                             **session_context(c, s.number, ctx.tz),
                                             **followup_extras(ctx, c, s.number))
    done = ctx.outbox.create_message(post.key, place.board_id, subject, body)
    return "posted" if done is not None else None


def _checkin_pause(ctx: JobContext, c: Cohort, post: PlannedPost) -> str | None:
    question = ctx.outbox.done(f"cohort:{c.key}:checkin")
    if question is None or question.id is None:
        return "skipped"
    done = ctx.outbox.pause_question(post.key, question.id)
    return "posted" if done is not None else None


STEPS = {
    "recruitment": _recruitment,
    "nudge": _nudge,
    "setup": _setup,
    "agenda": _agenda,
    "reminder": _reminder,
    "followup": _followup,
    "checkin_pause": _checkin_pause,
}


def _join_network(ctx: JobContext, c: Cohort, post: PlannedPost) -> str | None:
    from bot.jobs.network_join import join_network

    return join_network(ctx, c, post)


STEPS["join_network"] = _join_network


if plan not in PLANNERS:
    PLANNERS.append(plan)
