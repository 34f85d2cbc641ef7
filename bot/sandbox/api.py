"""Basecamp API routes served by the sandbox (paths normalised: no account, no .json)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from bot.sandbox.clock import parse_iso
from bot.sandbox.state import State
from bot.sandbox.views import LINE_TYPES, Views

RECORDING_TYPES = ("Comment", "Document", "Door", "Kanban::Card", "Kanban::Step", "Message",
                   "Question::Answer", "Schedule::Entry", "Todo", "Todolist", "Upload", "Vault")
WEBHOOK_TYPES = ("all", "Comment", "Client::Approval::Response", "Client::Forward",
                 "Client::Reply", "CloudFile", "Document", "GoogleDocument", "Inbox::Forward",
                 "Kanban::Card", "Kanban::Step", "Message", "Question", "Question::Answer",
                 "Schedule::Entry", "Todo", "Todolist", "Upload", "Vault")


class ApiError(Exception):
    """An error answer: status plus Basecamp's `{"error": ...}` body."""

    def __init__(self, status: int, message: str, headers: dict | None = None,
                 body: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}
        self.body = body  # when the spec gives this error another shape


@dataclass
class Reply:
    """A handler's answer; `paged` bodies are lists the server paginates."""

    status: int = 200
    body: Any = None
    paged: bool = False
    headers: dict = field(default_factory=dict)
    render: Callable[[Any], Any] | None = None  # applied to a page's items only


@dataclass
class Ctx:
    """One API request as handlers see it."""

    state: State
    views: Views
    now: str
    query: dict[str, str]
    body: Any
    bucket: int | None = None   # from a legacy /buckets/{id}/ route

    @property
    def me(self) -> int:
        return self.state.bot_person_id

    def field(self, name: str, required: bool = True, kind: type = str) -> Any:
        """A body field, with 422 when a required one is missing or mistyped."""
        body = self.body if isinstance(self.body, dict) else {}
        value = body.get(name)
        if value is None:
            if required:
                raise ApiError(422, f"{name} can't be blank")
            return None
        if not isinstance(value, kind) or (kind is str and required and not value.strip()):
            raise ApiError(422, f"{name} is invalid")
        return value


def _rec(ctx: Ctx, rid: str | int, *types: str) -> dict:
    rec = ctx.state.recordings.get(int(rid))
    if rec is None or (types and rec["type"] not in types):
        raise ApiError(404, "Not found")
    if ctx.bucket is not None and rec["bucket_id"] != ctx.bucket:
        raise ApiError(404, "Not found")
    if ctx.state.projects[rec["bucket_id"]]["status"] == "trashed":
        raise ApiError(404, "Not found")
    if not ctx.state.can_see(ctx.me, rec["bucket_id"]):
        raise ApiError(404, "Not found")  # Basecamp hides what you are not on
    return rec


def _project(ctx: Ctx, pid: str | int) -> dict:
    project = ctx.state.projects.get(int(pid))
    if project is None or not ctx.state.can_see(ctx.me, project["id"]):
        raise ApiError(404, "Not found")
    return project


def _order(items: list[dict], ctx: Ctx, default_dir: str = "desc") -> list[dict]:
    sort = ctx.query.get("sort", "created_at")
    if sort not in ("created_at", "updated_at"):
        raise ApiError(400, "sort must be created_at or updated_at")
    direction = ctx.query.get("direction", default_dir)
    if direction not in ("asc", "desc"):
        raise ApiError(400, "direction must be asc or desc")
    return sorted(items, key=lambda r: (r[sort], r["id"]), reverse=direction == "desc")


def _touch(rec: dict, ctx: Ctx) -> None:
    rec["updated_at"] = ctx.now


def _paged(ctx: Ctx, recs: list[dict]) -> Reply:
    # Render only the requested page: long threads stay cheap to list.
    return Reply(body=recs, paged=True, render=ctx.views.recording)


# --- people and projects ------------------------------------------------------------
def list_people(ctx: Ctx) -> Reply:
    return Reply(body=[ctx.views.person(p) for p in sorted(ctx.state.people)], paged=True)


def pingable_people(ctx: Ctx) -> Reply:
    return Reply(body=[ctx.views.person(p) for p in sorted(ctx.state.people)])


def get_person(ctx: Ctx, pid: str) -> Reply:
    if int(pid) not in ctx.state.people:
        raise ApiError(404, "Not found")
    return Reply(body=ctx.views.person(int(pid)))


def my_profile(ctx: Ctx) -> Reply:
    return Reply(body=ctx.views.person(ctx.me))


def list_projects(ctx: Ctx) -> Reply:
    _build_due_constructions(ctx)
    status = ctx.query.get("status", "active")
    items = [p for p in ctx.state.projects.values()
             if p["status"] == status and ctx.state.can_see(ctx.me, p["id"])]
    items.sort(key=lambda p: (p["created_at"], p["id"]), reverse=True)
    return Reply(body=[ctx.views.project(p["id"]) for p in items], paged=True)


def get_project(ctx: Ctx, pid: str) -> Reply:
    return Reply(body=ctx.views.project(_project(ctx, pid)["id"]))


def _check_limit(ctx: Ctx, what: str) -> None:
    limit = ctx.state.project_limit
    if limit is not None and ctx.state.active_project_count() >= limit:
        raise ApiError(507, f"The {what} limit for this account has been reached.")


def create_project(ctx: Ctx) -> Reply:
    name = ctx.field("name")
    _check_limit(ctx, "project")
    project = ctx.state.add_project(name, ctx.now, ctx.field("description", False))
    return Reply(201, ctx.views.project(project["id"]))


def update_project(ctx: Ctx, pid: str) -> Reply:
    project = _project(ctx, pid)
    project["name"] = ctx.field("name")
    if ctx.field("description", False) is not None:
        project["description"] = ctx.field("description", False)
    project["updated_at"] = ctx.now
    return Reply(body=ctx.views.project(project["id"]))


def trash_project(ctx: Ctx, pid: str) -> Reply:
    project = _project(ctx, pid)
    project["status"], project["updated_at"] = "trashed", ctx.now
    return Reply(204)


def project_people(ctx: Ctx, pid: str) -> Reply:
    project = _project(ctx, pid)
    return Reply(body=[ctx.views.person(p) for p in project["people"]], paged=True)


def update_access(ctx: Ctx, pid: str) -> Reply:
    project, state = _project(ctx, pid), ctx.state
    body = ctx.body if isinstance(ctx.body, dict) else {}
    grant, revoke, create = (body.get(k) or [] for k in ("grant", "revoke", "create"))
    if not all(isinstance(v, list) for v in (grant, revoke, create)):
        raise ApiError(422, "grant, revoke and create must be lists")
    grant, revoke = list(grant), list(revoke)
    for new in create:
        if not isinstance(new, dict) or not new.get("name") or not new.get("email_address"):
            raise ApiError(422, "create needs name and email_address")
        person = state.add_person(new["name"], new["email_address"], ctx.now,
                                  company=new.get("company_name"), title=new.get("title"))
        grant.append(person["id"])
    if not all(isinstance(i, int) and i in state.people for i in grant + revoke):
        raise ApiError(404, "Person not found")
    granted = [p for p in dict.fromkeys(grant) if p not in project["people"]]
    revoked = [p for p in dict.fromkeys(revoke) if p in project["people"]]
    project["people"] = [p for p in project["people"] + granted if p not in revoked]
    return Reply(body={"granted": [ctx.views.person(p) for p in granted],
                       "revoked": [ctx.views.person(p) for p in revoked]})


# --- templates --------------------------------------------------------------------------
def list_templates(ctx: Ctx) -> Reply:
    status = ctx.query.get("status", "active")
    items = [t["id"] for t in ctx.state.templates.values() if t["status"] == status]
    return Reply(body=[ctx.views.template(t) for t in sorted(items, reverse=True)], paged=True)


def _template(ctx: Ctx, tid: str) -> dict:
    template = ctx.state.templates.get(int(tid))
    if template is None:
        raise ApiError(404, "Not found")
    return template


def get_template(ctx: Ctx, tid: str) -> Reply:
    return Reply(body=ctx.views.template(_template(ctx, tid)["id"]))


def create_template(ctx: Ctx) -> Reply:
    name = ctx.field("name")
    _check_limit(ctx, "project/team")
    template = ctx.state.add_template(name, ctx.now, ctx.field("description", False))
    return Reply(201, ctx.views.template(template["id"]))


def create_construction(ctx: Ctx, tid: str) -> Reply:
    template = _template(ctx, tid)
    project = ctx.field("project", kind=dict)
    if not isinstance(project.get("name"), str) or not project["name"].strip():
        raise ApiError(422, "project name can't be blank")
    cid = ctx.state.new_id()
    ctx.state.constructions[cid] = {
        "id": cid, "template_id": template["id"], "name": project["name"],
        "description": project.get("description"), "status": "pending", "polls": 0,
        "project_id": None, "created_at": ctx.now}
    return Reply(201, ctx.views.construction(cid))


# Polls answered "pending" before a construction completes (Basecamp takes a moment).
PENDING_POLLS = 1
# Basecamp builds in the background too: unpolled, a construction completes after this long.
BUILD_TIME = timedelta(seconds=30)


def _build(ctx: Ctx, construction: dict) -> None:
    template = ctx.state.templates[construction["template_id"]]
    tools = [t["name"] for t in template["dock"] if t["enabled"]]
    project = ctx.state.add_project(construction["name"], ctx.now,
                                    construction["description"], tools)
    construction.update(status="completed", project_id=project["id"])


def _build_due_constructions(ctx: Ctx) -> None:
    now = parse_iso(ctx.now)
    for construction in ctx.state.constructions.values():
        created = construction.get("created_at")
        if (construction["status"] == "pending" and created
                and now - parse_iso(created) >= BUILD_TIME):
            _build(ctx, construction)


def get_construction(ctx: Ctx, tid: str, cid: str) -> Reply:
    template = _template(ctx, tid)
    construction = ctx.state.constructions.get(int(cid))
    if construction is None or construction["template_id"] != template["id"]:
        raise ApiError(404, "Not found")
    if construction["status"] == "pending":
        construction["polls"] += 1
        if construction["polls"] > PENDING_POLLS:
            _build(ctx, construction)
    return Reply(body=ctx.views.construction(construction["id"]))


# --- message boards, messages, comments -------------------------------------------------
def get_board(ctx: Ctx, bid: str) -> Reply:
    return Reply(body=ctx.views.recording(_rec(ctx, bid, "Message::Board")))


def list_messages(ctx: Ctx, bid: str) -> Reply:
    board = _rec(ctx, bid, "Message::Board")
    return _paged(ctx, _order(ctx.state.children(board["id"], "Message"), ctx))


def create_message(ctx: Ctx, bid: str) -> Reply:
    board = _rec(ctx, bid, "Message::Board")
    subject = ctx.field("subject")
    content = ctx.views.rich_text(ctx.field("content", False))
    message = ctx.state.add_recording("Message", board["bucket_id"], board["id"], ctx.me,
                                      ctx.now, subject=subject, content=content)
    _touch(board, ctx)
    return Reply(201, ctx.views.recording(message))


def get_message(ctx: Ctx, mid: str) -> Reply:
    return Reply(body=ctx.views.recording(_rec(ctx, mid, "Message")))


def update_message(ctx: Ctx, mid: str) -> Reply:
    message = _rec(ctx, mid, "Message")
    subject = ctx.field("subject", False)
    if subject is not None and not subject.strip():
        raise ApiError(422, "subject can't be blank")
    if subject is not None:
        message["subject"] = subject
    content = ctx.field("content", False)
    if content is not None:
        message["content"] = ctx.views.rich_text(content)
    _touch(message, ctx)
    return Reply(body=ctx.views.recording(message))


COMMENTABLE = ("Message", "Schedule::Entry", "Question::Answer", "Todo", "Document", "Upload")


def list_comments(ctx: Ctx, rid: str) -> Reply:
    parent = _rec(ctx, rid, *COMMENTABLE)
    return _paged(ctx, ctx.state.children(parent["id"], "Comment"))


def add_comment(state: State, parent: dict, person_id: int | str, html: str, now: str) -> dict:
    """Create a comment (used by the API and by the control API); html is already stored form."""
    return state.add_recording("Comment", parent["bucket_id"], parent["id"], person_id, now,
                               content=html)


def create_comment(ctx: Ctx, rid: str) -> Reply:
    parent = _rec(ctx, rid, *COMMENTABLE)
    content = ctx.views.rich_text(ctx.field("content"))
    comment = add_comment(ctx.state, parent, ctx.me, content, ctx.now)
    location = ctx.views.app_url(comment)
    return Reply(201, ctx.views.recording(comment), headers={"Location": location})


def get_comment(ctx: Ctx, cid: str) -> Reply:
    return Reply(body=ctx.views.recording(_rec(ctx, cid, "Comment")))


def update_comment(ctx: Ctx, cid: str) -> Reply:
    comment = _rec(ctx, cid, "Comment")
    comment["content"] = ctx.views.rich_text(ctx.field("content"))
    _touch(comment, ctx)
    return Reply(body=ctx.views.recording(comment))


# --- recordings, events, boosts ---------------------------------------------------------
def list_recordings(ctx: Ctx) -> Reply:
    rtype = ctx.query.get("type")
    if rtype not in RECORDING_TYPES:
        raise ApiError(400, f"type must be one of {', '.join(RECORDING_TYPES)}")
    status = ctx.query.get("status", "active")
    if status not in ("active", "archived", "trashed"):
        raise ApiError(400, "status must be active, archived or trashed")
    projects = ctx.state.projects
    if "bucket" in ctx.query:
        try:
            buckets = {int(b) for b in ctx.query["bucket"].split(",") if b.strip()}
        except ValueError as exc:
            raise ApiError(400, "bucket must be project ids separated by commas") from exc
    else:
        buckets = {p["id"] for p in projects.values() if p["status"] == "active"}
    buckets = {b for b in buckets if ctx.state.can_see(ctx.me, b)}
    items = [r for r in ctx.state.recordings.values()
             if r["type"] == rtype and r["status"] == status and r["bucket_id"] in buckets
             and projects[r["bucket_id"]]["status"] != "trashed"]
    return _paged(ctx, _order(items, ctx))


def set_status(ctx: Ctx, rid: str, status: str) -> Reply:
    rec = _rec(ctx, rid)
    if rec["status"] != status:
        rec["status"] = status
        _touch(rec, ctx)
        ctx.state.add_event(rec["id"], status, ctx.me, ctx.now)
    return Reply(204)


def list_events(ctx: Ctx, rid: str) -> Reply:
    rec = _rec(ctx, rid)
    events = [e["id"] for e in ctx.state.events.values() if e["recording_id"] == rec["id"]]
    return Reply(body=[ctx.views.event(e) for e in sorted(events)], paged=True)


BOOSTABLE = ("Message", "Comment", "Schedule::Entry", *LINE_TYPES)


def list_boosts(ctx: Ctx, rid: str) -> Reply:
    rec = _rec(ctx, rid, *BOOSTABLE)
    boosts = sorted(b["id"] for b in ctx.state.boosts.values() if b["recording_id"] == rec["id"])
    return Reply(body=[ctx.views.boost(b) for b in boosts], paged=True)


def create_boost(ctx: Ctx, rid: str) -> Reply:
    rec = _rec(ctx, rid, *BOOSTABLE)
    boost = ctx.state.add_boost(rec["id"], ctx.me, ctx.field("content"), ctx.now)
    return Reply(201, ctx.views.boost(boost["id"]))


def _boost(ctx: Ctx, bid: str) -> dict:
    boost = ctx.state.boosts.get(int(bid))
    if boost is None:
        raise ApiError(404, "Not found")
    _rec(ctx, boost["recording_id"])
    return boost


def get_boost(ctx: Ctx, bid: str) -> Reply:
    return Reply(body=ctx.views.boost(_boost(ctx, bid)["id"]))


def delete_boost(ctx: Ctx, bid: str) -> Reply:
    boost = _boost(ctx, bid)
    if boost["booster_id"] != ctx.me and not ctx.state.people[ctx.me]["admin"]:
        raise ApiError(403, "You can only delete your own boosts")
    del ctx.state.boosts[boost["id"]]
    return Reply(204)
