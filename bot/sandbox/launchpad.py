"""Launchpad (OAuth) endpoints: /launchpad/authorization.json and /authorization/token."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

if TYPE_CHECKING:
    from bot.sandbox.sandbox import Sandbox
    from bot.sandbox.server import Request

TOKEN_LIFETIME = 1_209_600  # two weeks, as Launchpad reports in expires_in


def _params(req: Request) -> dict[str, str]:
    # Launchpad takes query parameters or a form body; JSON is accepted too.
    params = dict(req.query)
    if req.body:
        text = req.body.decode("utf-8", "replace")
        if "json" in req.headers.get("Content-Type", ""):
            try:
                data = json.loads(text)
            except ValueError:
                data = {}
            params.update({k: str(v) for k, v in data.items()} if isinstance(data, dict) else {})
        else:
            params.update(parse_qsl(text, keep_blank_values=True))
    return params


def handle(sb: Sandbox, req: Request) -> tuple[int, Any]:
    """Answer a Launchpad request."""
    path = req.path.removeprefix("/launchpad")
    if req.method == "GET" and path in ("/authorization.json", "/authorization"):
        auth = req.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ").strip() if auth.startswith("Bearer ") else ""
        if not sb.token_valid(token):
            return 401, {"error": "OAuth token expired or invalid"}
        return 200, _authorization(sb)
    if req.method == "POST" and path == "/authorization/token":
        return _token(sb, _params(req))
    return 404, {"error": "Not found"}


def _authorization(sb: Sandbox) -> dict:
    me = sb.state.people[sb.state.bot_person_id]
    first, _, last = me["name"].partition(" ")
    expires = (sb.clock.now() + timedelta(seconds=TOKEN_LIFETIME)).isoformat(timespec="seconds")
    return {
        "expires_at": expires,
        "identity": {"id": 9_000_000 + me["id"] % 1_000_000, "first_name": first,
                     "last_name": last, "email_address": me["email_address"]},
        "accounts": [
            {"product": "bc3", "id": sb.account_id, "name": sb.state.account_name,
             "href": f"{sb.api_url}/{sb.account_id}",
             "app_href": f"{sb.api_url}/{sb.account_id}"},
            # One token can reach other 37signals products; clients must pick bc3.
            {"product": "hey", "id": 7_000_001, "name": "HEY",
             "href": "https://app.hey.com", "app_href": "https://app.hey.com"},
        ],
    }


def _token(sb: Sandbox, params: dict[str, str]) -> tuple[int, Any]:
    grant = params.get("grant_type") or {"refresh": "refresh_token"}.get(params.get("type", ""))
    if grant != "refresh_token":
        return 400, {"error": "unsupported_grant_type"}
    if params.get("client_id") != sb.client_id or params.get("client_secret") != sb.client_secret:
        return 401, {"error": "invalid_client"}
    with sb.lock:
        if params.get("refresh_token") != sb.state.auth["refresh_token"]:
            return 400, {"error": "invalid_grant"}
        access = sb.issue_token()
        sb.save()
    return 200, {"access_token": access, "token_type": "Bearer",
                 "expires_in": TOKEN_LIFETIME, "refresh_token": sb.state.auth["refresh_token"]}
