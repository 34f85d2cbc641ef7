"""`loti-bot auth`: connect the bot's Basecamp user with OAuth 2 (Launchpad's web-server flow).

1. prints the Launchpad address to open, signed in to Basecamp as the bot's user;
2. takes the code Launchpad hands back (the whole address the browser landed on, or the code);
3. exchanges it for an access token and a refresh token;
4. lists the Basecamp accounts the token reaches;
5. prints the variables to set, and with --save also stores the tokens in the database.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import click

EXIT_USAGE = 2


def authorize_url(launchpad: str, client_id: str, redirect_uri: str) -> str:
    """Where the person approves the bot (Launchpad's web-server flow)."""
    query = urlencode({"type": "web_server", "client_id": client_id,
                       "redirect_uri": redirect_uri})
    return f"{launchpad.rstrip('/')}/authorization/new?{query}"


def code_from(text: str) -> str:
    """The verification code from a pasted redirect address, or the code itself."""
    text = text.strip()
    if "code=" in text:
        return (parse_qs(urlparse(text).query).get("code") or [""])[0]
    return text


def _auth_settings(env_file: str | None) -> Any:
    """Only what auth needs: there is no access token yet, so `Settings` cannot load."""
    from pydantic import SecretStr
    from pydantic_settings import BaseSettings, SettingsConfigDict

    from bot.settings import DEFAULT_DATABASE_URL, DEFAULT_USER_AGENT

    class _Auth(BaseSettings):
        model_config = SettingsConfigDict(extra="ignore", case_sensitive=False,
                                          env_file_encoding="utf-8")
        basecamp_client_id: str | None = None
        basecamp_client_secret: SecretStr | None = None
        basecamp_launchpad_url: str = "https://launchpad.37signals.com"
        basecamp_user_agent: str = DEFAULT_USER_AGENT
        basecamp_redirect_uri: str | None = None
        basecamp_account_id: int | None = None
        basecamp_access_token: SecretStr | None = None
        basecamp_refresh_token: SecretStr | None = None
        database_url: str = DEFAULT_DATABASE_URL

    return _Auth(_env_file=env_file)  # type: ignore[call-arg]


def _post_token(settings: Any, code: str, redirect_uri: str) -> dict[str, Any]:
    import requests

    url = f"{settings.basecamp_launchpad_url.rstrip('/')}/authorization/token"
    data = {"type": "web_server", "client_id": settings.basecamp_client_id,
            "client_secret": settings.basecamp_client_secret.get_secret_value(),
            "redirect_uri": redirect_uri, "code": code}
    try:
        answer = requests.post(url, data=data, timeout=30,
                               headers={"User-Agent": settings.basecamp_user_agent})
    except requests.RequestException as err:
        raise click.ClickException(f"cannot reach Launchpad: {type(err).__name__}") from None
    if answer.status_code != 200:
        reason = _error_of(answer)
        raise click.ClickException(
            f"Launchpad refused the code ({answer.status_code} {reason}). Codes work once and "
            "only for a few minutes, and the redirect URI must match the app's: run "
            "`loti-bot auth` again")
    grant = answer.json()
    if not grant.get("access_token"):
        raise click.ClickException("Launchpad's answer had no access token")
    return grant


def _error_of(answer: Any) -> str:
    try:
        return str(answer.json().get("error", ""))
    except ValueError:
        return ""


def _accounts(settings: Any, token: str) -> list[dict[str, Any]]:
    import requests

    url = f"{settings.basecamp_launchpad_url.rstrip('/')}/authorization.json"
    answer = requests.get(url, timeout=30, headers={
        "Authorization": f"Bearer {token}", "User-Agent": settings.basecamp_user_agent})
    if answer.status_code != 200:
        raise click.ClickException(f"Launchpad would not list the accounts ({answer.status_code})")
    return [a for a in answer.json().get("accounts", []) if a.get("product") == "bc3"]


def _save(settings: Any, access: str, refresh: str | None) -> None:
    from bot.store.db import opened_store
    from bot.store.tokens import env_digest, save_tokens

    # Tied to the environment's pair as it is now: the saved tokens stand in for it, and if
    # staff later put another pair in the environment, that one wins (as after any refresh).
    env = [t.get_secret_value() if t else None
           for t in (settings.basecamp_access_token, settings.basecamp_refresh_token)]
    with opened_store(settings.database_url) as store:
        save_tokens(store, access, refresh, datetime.now(UTC),
                    env_digest=env_digest(env[0] or None, env[1] or None))


@click.command("auth")
@click.option("--redirect-uri", envvar="BASECAMP_REDIRECT_URI", metavar="URL",
              help="The redirect URI registered for the bot's app on Launchpad.")
@click.option("--code", metavar="CODE_OR_URL",
              help="The code Launchpad gave (or the whole address the browser landed on).")
@click.option("--save", is_flag=True, help="Also store the tokens in the bot's database.")
@click.pass_context
def auth_command(ctx: click.Context, redirect_uri: str | None, code: str | None,
                 save: bool) -> None:
    """Connect the bot's Basecamp user: get an access and a refresh token with OAuth 2."""
    root = ctx.find_root().obj or {}
    settings = _auth_settings(root.get("env_file", ".env"))
    missing = [name for name, value in (("BASECAMP_CLIENT_ID", settings.basecamp_client_id),
                                        ("BASECAMP_CLIENT_SECRET", settings.basecamp_client_secret))
               if not value]
    if missing:
        click.echo(f"auth: set {' and '.join(missing)} first: register the bot as an app at "
                   "https://launchpad.37signals.com/integrations and copy them from there",
                   err=True)
        sys.exit(EXIT_USAGE)
    redirect_uri = redirect_uri or "https://loti.london/oauth/callback"
    if not code:
        url = authorize_url(settings.basecamp_launchpad_url, settings.basecamp_client_id,
                            redirect_uri)
        click.echo("1. Open this address in a browser, signed in to Basecamp as the bot's "
                   f"user, and approve:\n\n   {url}\n")
        click.echo(f"2. The browser then goes to {redirect_uri}?code=… (the page itself may "
                   "not load). Copy that whole address.")
        code = click.prompt("3. Paste it here", default="", show_default=False)
        if not code.strip():
            click.echo("auth: no code given; nothing was changed", err=True)
            sys.exit(1)
    grant = _post_token(settings, code_from(code), redirect_uri)
    access, refresh = grant["access_token"], grant.get("refresh_token")
    from bot.logs import REDACTOR

    REDACTOR.add(access)
    REDACTOR.add(refresh)
    accounts = _accounts(settings, access)
    click.echo("\nBasecamp accounts this token reaches:")
    for account in accounts:
        click.echo(f"  {account['id']}  {account.get('name', '')}")
    if not accounts:
        click.echo("  none: sign in as a user who belongs to LOTI's Basecamp, then run auth again")
    wanted = settings.basecamp_account_id
    if wanted and all(a["id"] != wanted for a in accounts):
        click.echo(f"warning: BASECAMP_ACCOUNT_ID={wanted} is not one of them", err=True)
    account_id = wanted or (accounts[0]["id"] if len(accounts) == 1 else None)
    click.echo("\nSet these (on the PaaS: the app's config variables; locally: .env):")
    if account_id:
        click.echo(f"BASECAMP_ACCOUNT_ID={account_id}")
    click.echo(f"BASECAMP_ACCESS_TOKEN={access}")
    if refresh:
        click.echo(f"BASECAMP_REFRESH_TOKEN={refresh}")
    if save:
        _save(settings, access, refresh)
        where = Path(settings.database_url.split("///")[-1]).name \
            if settings.database_url.startswith("sqlite") else "the database"
        click.echo(f"\nauth: tokens stored in {where}; the bot uses them (and refreshes them) "
                   "from now on")
