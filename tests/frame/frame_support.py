"""Helpers for the frame tests: the environment that points the bot at a sandbox and database."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
USER_AGENT = "LOTI Network Bot tests (https://loti.london; network-bot@loti.london)"


def sandbox_env(sandbox, database_url: str, **extra: str) -> dict[str, str]:
    """Environment variables that point the bot at this sandbox and database."""
    env = {
        "BASECAMP_ACCOUNT_ID": str(sandbox.account_id),
        "BASECAMP_ACCESS_TOKEN": sandbox.token,
        "BASECAMP_REFRESH_TOKEN": sandbox.refresh_token,
        "BASECAMP_CLIENT_ID": sandbox.client_id,
        "BASECAMP_CLIENT_SECRET": sandbox.client_secret,
        "BASECAMP_USER_AGENT": USER_AGENT,
        "BASECAMP_API_URL": sandbox.api_url,
        "BASECAMP_LAUNCHPAD_URL": sandbox.launchpad_url,
        "DATABASE_URL": database_url,
        "LOTI_CONFIG_DIR": str(REPO / "config"),
        "LOTI_TEMPLATES_DIR": str(REPO / "templates"),
        "LOTI_POLL_SECONDS": "1",
        "LOTI_TIMEZONE": "Europe/London",
    }
    env.update(extra)
    return env
