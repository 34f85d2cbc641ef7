"""OAuth tokens that a refresh handed back: stored so a restart keeps working (never logged)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from bot.store.db import Store, upsert
from bot.store.tables import tokens

NAME = "basecamp"


def load_tokens(store: Store) -> tuple[str, str | None] | None:
    """The stored (access, refresh) pair, or None before the first refresh."""
    with store.transaction() as conn:
        row = conn.execute(select(tokens).where(tokens.c.name == NAME)).first()
    return (row.access_token, row.refresh_token) if row else None


def save_tokens(store: Store, access: str, refresh: str | None, now: datetime) -> None:
    """Store the latest pair; a refresh that sends no new refresh token keeps the old one."""
    with store.transaction() as conn:
        if refresh is None:
            row = conn.execute(select(tokens.c.refresh_token).where(tokens.c.name == NAME)).first()
            refresh = row.refresh_token if row else None
        values = {"name": NAME, "access_token": access, "refresh_token": refresh, "updated_at": now}
        upsert(conn, tokens, values, ["name"])
