"""`loti-bot auth` connects the bot's Basecamp user with OAuth 2 (the sandbox's Launchpad)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests

from tests.staff.staff_support import StaffDesk, make_desk
from tests.support.world import USER_AGENT

REDIRECT = "https://loti.london/oauth/callback"


@pytest.fixture
def fresh(sandbox, tmp_path: Path) -> StaffDesk:
    """A new deployment: the app's client id and secret, but no access token yet."""
    desk = make_desk(tmp_path)
    for name in ("BASECAMP_ACCESS_TOKEN", "BASECAMP_ACCOUNT_ID"):
        desk.env[name] = None  # type: ignore[assignment]  (CliRunner unsets it)
    desk.env.update({
        "BASECAMP_CLIENT_ID": sandbox.client_id,
        "BASECAMP_CLIENT_SECRET": sandbox.client_secret,
        "BASECAMP_LAUNCHPAD_URL": sandbox.launchpad_url,
        "BASECAMP_API_URL": sandbox.api_url,
    })
    return desk


def _authorize_url(desk: StaffDesk) -> str:
    first = desk.run("auth", "--redirect-uri", REDIRECT, input="\n")
    match = re.search(r"(http\S+/authorization/new\?\S+)", first.output)
    assert match, first.output
    return match.group(1)


def _approve(url: str) -> str:
    """What a person does in the browser: approve, and land on the redirect URI with a code."""
    answer = requests.get(url, headers={"User-Agent": USER_AGENT}, timeout=10)
    assert answer.status_code == 200, answer.text
    landed = answer.json()["redirect_to"]
    assert landed.startswith(REDIRECT + "?code=")
    return landed


def test_walks_through_oauth_and_stores_the_tokens(fresh: StaffDesk, sandbox) -> None:
    url = _authorize_url(fresh)
    assert "type=web_server" in url and f"client_id={sandbox.client_id}" in url
    landed = _approve(url)
    result = fresh.run("auth", "--redirect-uri", REDIRECT, "--code", landed, "--save")
    assert result.exit_code == 0, result.output
    # The accounts the token reaches: the Basecamp one, by id and name (not HEY).
    assert str(sandbox.account_id) in result.output and "HEY" not in result.output
    token = re.search(r"BASECAMP_ACCESS_TOKEN=(\S+)", result.output).group(1)
    refresh = re.search(r"BASECAMP_REFRESH_TOKEN=(\S+)", result.output).group(1)
    assert f"BASECAMP_ACCOUNT_ID={sandbox.account_id}" in result.output
    assert sandbox.token_valid(token) and refresh == sandbox.refresh_token
    from bot.store.db import Store, make_engine
    from bot.store.tokens import load_tokens

    engine = make_engine(fresh.env["DATABASE_URL"])
    stored = load_tokens(Store(engine))
    assert (stored.access, stored.refresh) == (token, refresh)
    engine.dispose()
    # And the bot can use it.
    check = fresh.run("check", "--online", BASECAMP_ACCESS_TOKEN=token,
                      BASECAMP_ACCOUNT_ID=str(sandbox.account_id))
    assert "cannot reach Basecamp" not in check.output


def test_the_code_alone_works_too(fresh: StaffDesk, sandbox) -> None:
    code = _approve(_authorize_url(fresh)).split("code=", 1)[1]
    result = fresh.run("auth", "--redirect-uri", REDIRECT, "--code", code)
    assert result.exit_code == 0, result.output
    assert "BASECAMP_ACCESS_TOKEN=" in result.output


def test_a_code_used_twice_is_a_clear_error(fresh: StaffDesk) -> None:
    landed = _approve(_authorize_url(fresh))
    assert fresh.run("auth", "--redirect-uri", REDIRECT, "--code", landed).exit_code == 0
    again = fresh.run("auth", "--redirect-uri", REDIRECT, "--code", landed)
    assert again.exit_code == 1
    assert "Launchpad refused the code" in again.output and "Traceback" not in again.output


def test_without_client_credentials_it_says_which_variables(tmp_path: Path) -> None:
    desk = make_desk(tmp_path)
    result = desk.run("auth", BASECAMP_CLIENT_ID=None, BASECAMP_CLIENT_SECRET=None)
    assert result.exit_code == 2
    assert "BASECAMP_CLIENT_ID" in result.output and "BASECAMP_CLIENT_SECRET" in result.output
