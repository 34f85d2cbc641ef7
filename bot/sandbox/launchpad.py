"""Launchpad (OAuth) endpoints: /launchpad/authorization.json and /authorization/token.

Also the first step of OAuth 2's web-server flow, for `loti-bot auth`:
GET /launchpad/authorization/new?type=web_server&client_id=…&redirect_uri=… . Real Launchpad
shows a sign-in and approve page, then redirects the browser to `redirect_uri?code=…`. The
sandbox has no person to sign in, so it approves at once and answers 200 with the address the
browser would land on (`{"redirect_to": "…?code=…"}`). The code is then exchanged at
POST /authorization/token with type=web_server, client_id, client_secret, redirect_uri, code.
"""

from __future__ import annotations

import json
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode

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
    if req.method == "GET" and path == "/authorization/new":
        return _authorize(sb, dict(req.query))
    if req.method == "POST" and path == "/authorization/token":
        params = _params(req)
        if params.get("type") == "web_server":
            return _exchange(sb, params)
        return _token(sb, params)
    return 404, {"error": "Not found"}


def _codes(sb: Sandbox) -> dict[str, str]:
    # Verification codes live only as long as the sandbox (Launchpad's last minutes).
    return sb.__dict__.setdefault("launchpad_codes", {})


def _authorize(sb: Sandbox, query: dict[str, str]) -> tuple[int, Any]:
    if query.get("type") != "web_server":
        return 400, {"error": "type must be web_server"}
    if query.get("client_id") != sb.client_id:
        return 400, {"error": "unknown client_id"}
    redirect = query.get("redirect_uri", "")
    if not redirect.startswith(("http://", "https://")):
        return 400, {"error": "redirect_uri is required"}
    code = secrets.token_urlsafe(12)
    with sb.lock:
        _codes(sb)[code] = redirect
    joiner = "&" if "?" in redirect else "?"
    return 200, {"redirect_to": f"{redirect}{joiner}{urlencode({'code': code})}"}


def _exchange(sb: Sandbox, params: dict[str, str]) -> tuple[int, Any]:
    if params.get("client_id") != sb.client_id or params.get("client_secret") != sb.client_secret:
        return 401, {"error": "invalid_client"}
    with sb.lock:
        redirect = _codes(sb).pop(params.get("code", ""), None)  # a code works once
        if redirect is None or redirect != params.get("redirect_uri"):
            return 400, {"error": "invalid_grant"}
        access = sb.issue_token()
        sb.save()
    return 200, {"access_token": access, "token_type": "Bearer",
                 "expires_in": TOKEN_LIFETIME, "refresh_token": sb.state.auth["refresh_token"]}


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
