"""Sandbox routes for schedules, Campfire, check-ins and webhooks."""

from __future__ import annotations

import re
from datetime import date

from bot.sandbox.api import WEBHOOK_TYPES, ApiError, Ctx, Reply, _order, _paged, _project, _rec
from bot.sandbox.clock import iso, parse_iso
from bot.sandbox.views import LINE_TYPES


# --- schedules ----------------------------------------------------------------------------
def get_schedule(ctx: Ctx, sid: str) -> Reply:
    return Reply(body=ctx.views.recording(_rec(ctx, sid, "Schedule")))


def list_entries(ctx: Ctx, sid: str) -> Reply:
    schedule = _rec(ctx, sid, "Schedule")
    status = ctx.query.get("status", "active")
    items = ctx.state.children(schedule["id"], "Schedule::Entry", status)
    return _paged(ctx, sorted(items, key=lambda r: (r["starts_at"], r["id"])))


def _when(value: object, all_day: bool, name: str) -> str:
    """Normalise a start/end: a date for all-day entries, else UTC with milliseconds."""
    if not isinstance(value, str):
        raise ApiError(422, f"{name} is invalid")
    try:
        if all_day:
            return date.fromisoformat(value[:10]).isoformat()
        return iso(parse_iso(value))
    except ValueError as exc:
        raise ApiError(422, f"{name} is invalid") from exc


def _participants(ctx: Ctx) -> list[int] | None:
    ids = ctx.field("participant_ids", False, list)
    if ids is not None and not all(isinstance(i, int) and i in ctx.state.people for i in ids):
        raise ApiError(422, "participant_ids contains an unknown person")
    return ids


def _join_url(ctx: Ctx) -> str | None:
    url = ctx.field("url", False)
    if url and not re.match(r"^https?://\S+$", url):
        raise ApiError(422, "url is invalid")
    return url


def _entry_fields(ctx: Ctx) -> dict:
    """The entry's full writable state from the body (shared by create and replace)."""
    all_day = bool(ctx.field("all_day", False, bool))
    summary = ctx.field("summary", False)
    fields = {
        # Basecamp shows a blank summary as "Untitled" (no validation on it).
        "summary": summary if summary and summary.strip() else "Untitled",
        "starts_at": _when(ctx.field("starts_at"), all_day, "starts_at"),
        "ends_at": _when(ctx.field("ends_at"), all_day, "ends_at"),
        "description": ctx.views.rich_text(ctx.field("description", False)),
        "all_day": all_day,
    }
    if fields["ends_at"] < fields["starts_at"]:
        raise ApiError(422, "ends_at must be after starts_at")
    return fields


def create_entry(ctx: Ctx, sid: str) -> Reply:
    schedule = _rec(ctx, sid, "Schedule")
    if ctx.field("summary", False) is None:
        raise ApiError(422, "summary can't be blank")
    fields = _entry_fields(ctx)
    fields.update(participant_ids=_participants(ctx) or [], join_url=_join_url(ctx) or None,
                  highlighted=bool(ctx.field("highlighted", False, bool)))
    entry = ctx.state.add_recording("Schedule::Entry", schedule["bucket_id"], schedule["id"],
                                    ctx.me, ctx.now, **fields)
    return Reply(201, ctx.views.recording(entry))


def get_entry(ctx: Ctx, eid: str) -> Reply:
    return Reply(body=ctx.views.recording(_rec(ctx, eid, "Schedule::Entry")))


# ReplaceScheduleEntry keeps these when the request leaves them out (preservedOnOmission).
PRESERVED_ON_OMISSION = ("participant_ids", "url", "highlighted")


def update_entry(ctx: Ctx, eid: str) -> Reply:
    """Replace the entry (x-basecamp-write-semantics: replace, clearsOmitted)."""
    entry = _rec(ctx, eid, "Schedule::Entry")
    fields = _entry_fields(ctx)  # 422 before anything changes
    participants, url = _participants(ctx), _join_url(ctx)
    highlighted = ctx.field("highlighted", False, bool)
    entry.update(fields)
    if participants is not None:
        entry["participant_ids"] = participants
    if url is not None:
        entry["join_url"] = url or None  # "" clears the join link
    if highlighted is not None:
        entry["highlighted"] = highlighted
    entry["updated_at"] = ctx.now
    return Reply(body=ctx.views.recording(entry))


# --- Campfire -----------------------------------------------------------------------------
def list_chats(ctx: Ctx) -> Reply:
    chats = [r for r in ctx.state.recordings.values()
             if r["type"] == "Chat::Transcript" and r["status"] == "active"
             and ctx.state.projects[r["bucket_id"]]["status"] == "active"
             and ctx.state.tool(r["bucket_id"], "chat")["enabled"]
             and ctx.state.can_see(ctx.me, r["bucket_id"])]
    return _paged(ctx, sorted(chats, key=lambda r: r["id"]))


def get_chat(ctx: Ctx, chat_id: str) -> Reply:
    return Reply(body=ctx.views.recording(_rec(ctx, chat_id, "Chat::Transcript")))


def list_lines(ctx: Ctx, chat_id: str) -> Reply:
    chat = _rec(ctx, chat_id, "Chat::Transcript")
    lines = [r for t in LINE_TYPES for r in ctx.state.children(chat["id"], t)]
    return _paged(ctx, _order(lines, ctx, default_dir="asc"))


def create_line(ctx: Ctx, chat_id: str) -> Reply:
    chat = _rec(ctx, chat_id, "Chat::Transcript")
    content = ctx.field("content")
    rich = ctx.field("content_type", False) == "text/html"
    if rich:
        content = ctx.views.rich_text(content)
    line = ctx.state.add_recording("Chat::Lines::RichText" if rich else "Chat::Lines::Text",
                                   chat["bucket_id"], chat["id"], ctx.me, ctx.now,
                                   content=content)
    return Reply(201, ctx.views.recording(line))


def _line(ctx: Ctx, chat_id: str, line_id: str) -> dict:
    line = _rec(ctx, line_id, *LINE_TYPES)
    if line["parent_id"] != int(chat_id) or line["status"] != "active":
        raise ApiError(404, "Not found")
    return line


def get_line(ctx: Ctx, chat_id: str, line_id: str) -> Reply:
    return Reply(body=ctx.views.recording(_line(ctx, chat_id, line_id)))


def delete_line(ctx: Ctx, chat_id: str, line_id: str) -> Reply:
    line = _line(ctx, chat_id, line_id)
    line["status"], line["updated_at"] = "trashed", ctx.now
    return Reply(204)


# --- automatic check-ins ------------------------------------------------------------------
def get_questionnaire(ctx: Ctx, qid: str) -> Reply:
    return Reply(body=ctx.views.recording(_rec(ctx, qid, "Questionnaire")))


def list_questions(ctx: Ctx, qid: str) -> Reply:
    questionnaire = _rec(ctx, qid, "Questionnaire")
    return _paged(ctx, ctx.state.children(questionnaire["id"], "Question"))


FREQUENCIES = ("every_day", "every_week", "every_other_week", "every_month", "on_certain_days")
_TIME = re.compile(r"^\s*(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\s*$", re.IGNORECASE)


def _question_fields(ctx: Ctx, required: bool) -> dict:
    # The docs wrap the body in "question"; the spec doesn't. Accept both.
    body = ctx.body if isinstance(ctx.body, dict) else {}
    body = body.get("question", body)
    if not isinstance(body, dict):
        raise ApiError(422, "question is invalid")
    fields = {}
    title = body.get("title")
    if title is not None or required:
        if not isinstance(title, str) or not title.strip():
            raise ApiError(422, "title can't be blank")
        fields["title"] = title
    schedule = body.get("schedule")
    if schedule is None and not required:
        return fields
    if not isinstance(schedule, dict) or schedule.get("frequency") not in FREQUENCIES:
        raise ApiError(422, f"schedule.frequency must be one of {', '.join(FREQUENCIES)}")
    match = _TIME.match(str(schedule.get("time_of_day", "9:00am")))
    if not match:
        raise ApiError(422, "schedule.time_of_day is invalid")
    hour, minute = int(match[1]), int(match[2] or 0)
    if match[3] and match[3].lower() == "pm" and hour < 12:
        hour += 12
    if match[3] and match[3].lower() == "am" and hour == 12:
        hour = 0
    try:
        days = sorted({int(d) for d in schedule.get("days", [])})
    except (TypeError, ValueError) as exc:
        raise ApiError(422, "schedule.days must be numbers 0-6") from exc
    fields["schedule"] = {
        "frequency": schedule["frequency"], "days": days, "hour": hour, "minute": minute,
        "week_instance": None, "week_interval": None, "month_interval": None,
        "start_date": _date(schedule, "start_date") or ctx.now[:10], "duration": None,
        "end_date": _date(schedule, "end_date")}
    return fields


def _date(schedule: dict, name: str) -> str | None:
    """A check-in's start or end date as sent (YYYY-MM-DD), or None when left out."""
    value = schedule.get(name)
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError as exc:
        raise ApiError(422, f"schedule.{name} is invalid") from exc


def create_question(ctx: Ctx, qid: str) -> Reply:
    questionnaire = _rec(ctx, qid, "Questionnaire")
    question = ctx.state.add_recording("Question", questionnaire["bucket_id"],
                                       questionnaire["id"], ctx.me, ctx.now, paused=False,
                                       **_question_fields(ctx, required=True))
    return Reply(201, ctx.views.recording(question))


def get_question(ctx: Ctx, qid: str) -> Reply:
    return Reply(body=ctx.views.recording(_rec(ctx, qid, "Question")))


def update_question(ctx: Ctx, qid: str) -> Reply:
    question = _rec(ctx, qid, "Question")
    question.update(_question_fields(ctx, required=False))
    question["updated_at"] = ctx.now
    return Reply(body=ctx.views.recording(question))


def pause_question(ctx: Ctx, qid: str, paused: bool) -> Reply:
    question = _rec(ctx, qid, "Question")
    if question["paused"] != paused:
        question["paused"], question["updated_at"] = paused, ctx.now
        ctx.state.add_event(question["id"], "paused" if paused else "resumed", ctx.me, ctx.now)
    return Reply(body={"paused": paused})


# --- webhooks -------------------------------------------------------------------------------
def _webhook_fields(ctx: Ctx, creating: bool) -> dict:
    fields = {}
    url = ctx.field("payload_url", required=creating)
    if url is not None:
        if not url.startswith("https://") or len(url) < 12:
            # Webhook 400s are a bare field map in the spec.
            raise ApiError(400, "payload_url must be an HTTPS URL",
                           body={"payload_url": ["must be an HTTPS URL"]})
        fields["payload_url"] = url
    types = ctx.field("types", False, list)
    if types is not None:
        if not types or not all(t in WEBHOOK_TYPES for t in types):
            raise ApiError(400, "types contains an unknown type",
                           body={"types": ["contains an unknown type"]})
        fields["types"] = types
    elif creating:
        fields["types"] = ["all"]
    active = ctx.field("active", False, bool)
    if active is not None:
        fields["active"] = active
    return fields


def list_webhooks(ctx: Ctx, pid: str) -> Reply:
    project = _project(ctx, pid)
    hooks = sorted(w["id"] for w in ctx.state.webhooks.values()
                   if w["bucket_id"] == project["id"])
    return Reply(body=[ctx.views.webhook(w) for w in hooks])


# Basecamp doesn't document the webhook limit; the sandbox uses a small one.
WEBHOOK_LIMIT = 20


def create_webhook(ctx: Ctx, pid: str) -> Reply:
    project = _project(ctx, pid)
    fields = _webhook_fields(ctx, creating=True)
    if len(ctx.state.webhooks) >= WEBHOOK_LIMIT:
        raise ApiError(507, "The webhook limit for this account has been reached.")
    wid = ctx.state.new_id()
    ctx.state.webhooks[wid] = {"id": wid, "bucket_id": project["id"], "active": True,
                               "created_at": ctx.now, "updated_at": ctx.now, **fields}
    return Reply(201, ctx.views.webhook(wid, full=True))


def _webhook(ctx: Ctx, wid: str) -> dict:
    hook = ctx.state.webhooks.get(int(wid))
    if hook is None or (ctx.bucket is not None and hook["bucket_id"] != ctx.bucket):
        raise ApiError(404, "Not found")
    return hook


def get_webhook(ctx: Ctx, wid: str) -> Reply:
    return Reply(body=ctx.views.webhook(_webhook(ctx, wid)["id"], full=True))


def update_webhook(ctx: Ctx, wid: str) -> Reply:
    hook = _webhook(ctx, wid)
    hook.update(_webhook_fields(ctx, creating=False), updated_at=ctx.now)
    return Reply(body=ctx.views.webhook(hook["id"], full=True))


def delete_webhook(ctx: Ctx, wid: str) -> Reply:
    del ctx.state.webhooks[_webhook(ctx, wid)["id"]]
    return Reply(204)
