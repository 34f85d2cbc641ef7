"""The /__sandbox/... control API (no auth, no rate limit, not logged as API traffic)."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from bot.sandbox.clock import iso, parse_iso

if TYPE_CHECKING:
    from bot.sandbox.sandbox import Sandbox
    from bot.sandbox.server import Request


class _Body(dict):
    """A JSON object whose missing fields are a clear 400, not a KeyError."""

    def __missing__(self, key: str) -> Any:
        raise ValueError(f"missing field: {key}")


def _body(req: Request) -> dict:
    if not req.body.strip():
        return _Body()
    data = json.loads(req.body)
    if not isinstance(data, dict):
        raise ValueError("the body must be a JSON object")
    return _Body(data)


def handle(sb: Sandbox, req: Request) -> tuple[int, Any]:
    """Run one control request; errors come back as 400/404 with a message."""
    path = req.path.removeprefix("/__sandbox").rstrip("/")
    try:
        return _route(sb, req.method, path, _body(req))
    except KeyError as exc:
        return 404, {"error": f"not found: {exc}"}
    except (ValueError, TypeError) as exc:
        return 400, {"error": str(exc)}


def _flag(body: dict, name: str, default: bool) -> bool:
    value = body.get(name, default)
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be true or false")
    return value


def _route(sb: Sandbox, method: str, path: str, body: dict) -> tuple[int, Any]:
    item = re.match(r"^/(comments|boosts)/(\d+)$", path)
    if method == "GET" and path == "/info":
        return 200, sb.info()
    if method == "GET" and path == "/state":
        with sb.lock:
            return 200, sb.state.to_json()
    if method == "GET" and path == "/requests":
        return 200, [list(entry) for entry in sb.request_log]
    if method == "GET" and path == "/violations":
        return 200, list(sb.violations)
    if method == "POST" and path == "/people":
        return 201, sb.add_person(body["name"], body["email"], body.get("company"),
                                  body.get("title"))
    if method == "POST" and path == "/projects":
        # "bot": false rehearses staff forgetting to add the bot; "people": ids put on it.
        options: dict[str, Any] = {"bot": _flag(body, "bot", True),
                                   "people": [int(p) for p in body.get("people", [])]}
        if body.get("tools"):
            options["tools"] = tuple(body["tools"])
        return 201, sb.add_project(body["name"], **options)
    if method == "POST" and path == "/templates":
        return 201, sb.add_template(body["name"])
    if method == "POST" and path == "/messages":
        return 201, sb.post_message(body["person_id"], body["board_id"], body["subject"],
                                    body.get("content", ""))
    if method == "POST" and path == "/comments":
        return 201, sb.post_comment(body["person_id"], body["recording_id"], body["html"])
    if method == "PUT" and item and item[1] == "comments":
        return 200, sb.edit_comment(int(item[2]), body["html"])
    if method == "DELETE" and item and item[1] == "comments":
        sb.trash_comment(int(item[2]))
        return 200, {"trashed": int(item[2])}
    if method == "POST" and path == "/boosts":
        return 201, sb.boost(body["person_id"], body["recording_id"], body["content"])
    if method == "DELETE" and item and item[1] == "boosts":
        sb.unboost(int(item[2]))
        return 200, {"deleted": int(item[2])}
    if path == "/clock":
        return _clock(sb, method, body)
    if method == "POST" and path == "/faults":
        return 200, _faults(sb, body)
    if method == "POST" and path == "/token/expire":
        sb.expire_token()
        return 200, {"expired": True}
    if method == "POST" and path == "/rate_limit":
        sb.rate_limit(int(body.get("requests", 50)), float(body.get("per_seconds", 10)),
                      bool(body.get("enabled", True)))
        return 200, {"ok": True}
    if method == "POST" and path == "/seed":
        from bot.sandbox.seed import seed

        return 200, seed(sb, body.get("name", "demo"))
    return 404, {"error": f"no control route {method} {path}"}


def _clock(sb: Sandbox, method: str, body: dict) -> tuple[int, Any]:
    if method == "POST":
        if "set" in body:
            sb.clock.set(parse_iso(body["set"]))
        if "advance_seconds" in body:
            sb.clock.advance(timedelta(seconds=float(body["advance_seconds"])))
    return 200, {"now": iso(sb.clock.now())}


def _faults(sb: Sandbox, body: dict) -> dict:
    faults = sb.faults
    scope = {"methods": body.get("methods"), "path": body.get("path")}
    if body.get("clear"):
        faults.clear()
    if "script" in body:
        faults.script(body["script"], body.get("retry_after", 0), **scope)
    if "error_rate" in body:
        faults.error_rate(float(body["error_rate"]), seed=body.get("seed"), **scope)
    if "drop_after_commit" in body:
        faults.drop_after_commit(int(body["drop_after_commit"]),
                                 methods=scope["methods"] or ("POST",), path=scope["path"])
    if "slow" in body:
        faults.slow(float(body["slow"]), **scope)
    if "account_inactive" in body:
        faults.account_inactive(bool(body["account_inactive"]))
    return {"ok": True}
