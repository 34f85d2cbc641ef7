"""The route table: (method, normalised path pattern) -> handler."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from bot.sandbox import api, api_tools
from bot.sandbox.api import ApiError, Ctx, Reply

_ID = r"(\d+)"
_TABLE: list[tuple[str, str, Callable[..., Reply]]] = [
    ("GET", "/projects", api.list_projects),
    ("POST", "/projects", api.create_project),
    ("GET", "/projects/recordings", api.list_recordings),
    ("GET", f"/projects/{_ID}", api.get_project),
    ("PUT", f"/projects/{_ID}", api.update_project),
    ("DELETE", f"/projects/{_ID}", api.trash_project),
    ("GET", f"/projects/{_ID}/people", api.project_people),
    ("PUT", f"/projects/{_ID}/people/users", api.update_access),
    ("GET", "/people", api.list_people),
    ("GET", f"/people/{_ID}", api.get_person),
    ("GET", "/circles/people", api.pingable_people),
    ("GET", "/my/profile", api.my_profile),
    ("GET", "/templates", api.list_templates),
    ("POST", "/templates", api.create_template),
    ("GET", f"/templates/{_ID}", api.get_template),
    ("POST", f"/templates/{_ID}/project_constructions", api.create_construction),
    ("GET", f"/templates/{_ID}/project_constructions/{_ID}", api.get_construction),
    ("GET", f"/message_boards/{_ID}", api.get_board),
    ("GET", f"/message_boards/{_ID}/messages", api.list_messages),
    ("POST", f"/message_boards/{_ID}/messages", api.create_message),
    ("GET", f"/messages/{_ID}", api.get_message),
    ("PUT", f"/messages/{_ID}", api.update_message),
    ("GET", f"/recordings/{_ID}/comments", api.list_comments),
    ("POST", f"/recordings/{_ID}/comments", api.create_comment),
    ("GET", f"/comments/{_ID}", api.get_comment),
    ("PUT", f"/comments/{_ID}", api.update_comment),
    ("PUT", f"/recordings/{_ID}/status/trashed", partial(api.set_status, status="trashed")),
    ("PUT", f"/recordings/{_ID}/status/archived", partial(api.set_status, status="archived")),
    ("PUT", f"/recordings/{_ID}/status/active", partial(api.set_status, status="active")),
    ("GET", f"/recordings/{_ID}/events", api.list_events),
    ("GET", f"/recordings/{_ID}/boosts", api.list_boosts),
    ("POST", f"/recordings/{_ID}/boosts", api.create_boost),
    ("GET", f"/boosts/{_ID}", api.get_boost),
    ("DELETE", f"/boosts/{_ID}", api.delete_boost),
    ("GET", f"/schedules/{_ID}", api_tools.get_schedule),
    ("GET", f"/schedules/{_ID}/entries", api_tools.list_entries),
    ("POST", f"/schedules/{_ID}/entries", api_tools.create_entry),
    ("GET", f"/schedule_entries/{_ID}", api_tools.get_entry),
    ("PUT", f"/schedule_entries/{_ID}", api_tools.update_entry),
    ("GET", "/chats", api_tools.list_chats),
    ("GET", f"/chats/{_ID}", api_tools.get_chat),
    ("GET", f"/chats/{_ID}/lines", api_tools.list_lines),
    ("POST", f"/chats/{_ID}/lines", api_tools.create_line),
    ("GET", f"/chats/{_ID}/lines/{_ID}", api_tools.get_line),
    ("DELETE", f"/chats/{_ID}/lines/{_ID}", api_tools.delete_line),
    ("GET", f"/questionnaires/{_ID}", api_tools.get_questionnaire),
    ("GET", f"/questionnaires/{_ID}/questions", api_tools.list_questions),
    ("POST", f"/questionnaires/{_ID}/questions", api_tools.create_question),
    ("GET", f"/questions/{_ID}", api_tools.get_question),
    ("PUT", f"/questions/{_ID}", api_tools.update_question),
    ("POST", f"/questions/{_ID}/pause", partial(api_tools.pause_question, paused=True)),
    ("DELETE", f"/questions/{_ID}/pause", partial(api_tools.pause_question, paused=False)),
    ("GET", f"/webhooks/{_ID}", api_tools.get_webhook),
    ("PUT", f"/webhooks/{_ID}", api_tools.update_webhook),
    ("DELETE", f"/webhooks/{_ID}", api_tools.delete_webhook),
]
ROUTES = [(method, re.compile(f"^{pattern}$"), handler) for method, pattern, handler in _TABLE]
# Only in project-scoped form (no flat route).
_BUCKET_ONLY = [
    ("GET", re.compile(r"^/webhooks$"), api_tools.list_webhooks),
    ("POST", re.compile(r"^/webhooks$"), api_tools.create_webhook),
]
_LEGACY = re.compile(r"^/buckets/(\d+)(/.*)$")
# Account-level routes never had a /buckets/ form.
_ACCOUNT_LEVEL = re.compile(r"^/(projects|people|circles|my|templates)(/|$)|^/chats$")


def dispatch(method: str, path: str, ctx: Ctx) -> Reply:
    """Route a normalised path (no account id, no .json) to its handler."""
    legacy = _LEGACY.match(path)
    if legacy:
        bucket, path = int(legacy[1]), legacy[2]
        if bucket not in ctx.state.projects or _ACCOUNT_LEVEL.match(path):
            raise ApiError(404, "Not found")
        ctx.bucket = bucket
        for m, pattern, handler in _BUCKET_ONLY:
            if m == method and pattern.match(path):
                return handler(ctx, str(bucket))
    allowed = False
    for m, pattern, handler in ROUTES:
        match = pattern.match(path)
        if match:
            if m == method:
                return handler(ctx, *match.groups())
            allowed = True
    raise ApiError(405 if allowed else 404, "Method not allowed" if allowed else "Not found")
