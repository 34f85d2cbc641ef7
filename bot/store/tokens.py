"""OAuth tokens that a refresh handed back: stored so a restart keeps working (never logged).

Each stored pair remembers which environment pair it descends from (a digest, never the
tokens). When staff revoke a leaked token and set freshly authorised ones in the environment,
the environment no longer matches and wins: the bot is not locked out by its stored pair.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from bot.store.db import Store, upsert
from bot.store.tables import tokens

NAME = "basecamp"


@dataclass(frozen=True)
class StoredTokens:
    """The stored pair and the digest of the environment pair it was refreshed from."""

    access: str
    refresh: str | None
    env_digest: str | None  # None: stored before digests were kept (source unknown)


def env_digest(access: str | None, refresh: str | None) -> str:
    """A one-way digest of an environment token pair (tells pairs apart, reveals nothing)."""
    raw = f"{access or ''}\0{refresh or ''}".encode()
    return hashlib.sha256(b"loti-bot tokens\0" + raw).hexdigest()


def load_tokens(store: Store) -> StoredTokens | None:
    """The stored pair, or None before the first refresh."""
    with store.transaction() as conn:
        row = conn.execute(select(tokens).where(tokens.c.name == NAME)).first()
    return StoredTokens(row.access_token, row.refresh_token, row.env_digest) if row else None


def save_tokens(
    store: Store, access: str, refresh: str | None, now: datetime, *, env_digest: str | None
) -> None:
    """Store the latest pair; a refresh that sends no new refresh token keeps the old one."""
    with store.transaction() as conn:
        if refresh is None:
            row = conn.execute(select(tokens.c.refresh_token).where(tokens.c.name == NAME)).first()
            refresh = row.refresh_token if row else None
        values = {"name": NAME, "access_token": access, "refresh_token": refresh,
                  "updated_at": now, "env_digest": env_digest}
        upsert(conn, tokens, values, ["name"])
