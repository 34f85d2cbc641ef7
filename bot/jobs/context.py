"""The JobContext every job receives, and `build_context` that wires it from settings."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.basecamp.client import BasecampClient
from bot.config import Config, load_config
from bot.logs import REDACTOR
from bot.outbox import Outbox
from bot.render import Renderer
from bot.settings import Settings
from bot.store.db import Store, make_engine, migrate, release, shared_engine
from bot.store.http_cache import DbCache
from bot.store.tokens import env_digest, load_tokens, save_tokens
from bot.threads import ThreadReader

log = logging.getLogger("bot.jobs")


@dataclass
class JobContext:
    """Everything a job needs; `now` is read once per cycle and passed into core."""

    settings: Settings
    config: Config
    store: Store
    client: BasecampClient
    outbox: Outbox
    reader: ThreadReader
    renderer: Renderer
    now: datetime
    tz: ZoneInfo
    me: Any
    log: logging.Logger
    dry_run: bool
    # Set by the worker on SIGTERM: long jobs check it between steps and stop early.
    stopping: Callable[[], bool] = lambda: False
    # Run by close() after the store is released (a dry run's SQLite snapshot is removed).
    cleanups: list[Callable[[], None]] = dataclasses.field(default_factory=list)

    def at(self, now: datetime) -> JobContext:
        """The same wiring, for a cycle at `now`."""
        return dataclasses.replace(self, now=_aware_utc(now))

    def close(self) -> None:
        """Release the store (rolling a dry run back), save held tokens, release the engine."""
        self.store.close()
        keeper = getattr(self.client, "token_keeper", None)
        if keeper is not None:
            keeper.flush()
        release(self.store.engine)
        for cleanup in self.cleanups:
            cleanup()


class TokenKeeper:
    """Saves refreshed tokens for real, even in a dry run (a lost rotated refresh token locks
    the bot out). SQLite allows one writer, and a dry run's open transaction may be it, so
    there the save waits until the dry run is rolled back."""

    def __init__(self, store: Store, defer: bool, source: str | None = None):
        self.store = store
        self.defer = defer
        self.source = source  # digest of the environment pair these refreshes descend from
        self.pending: tuple[str, str | None] | None = None

    def __call__(self, access: str, refresh: str | None) -> None:
        REDACTOR.add(access)
        REDACTOR.add(refresh)
        self.pending = (access, refresh)
        if not self.defer:
            self.flush()
        log.info("auth: access token refreshed%s", "" if self.defer else " and stored")

    def flush(self) -> None:
        """Write the held pair, if any."""
        if self.pending is not None:
            save_tokens(self.store, *self.pending, datetime.now(UTC), env_digest=self.source)
            self.pending = None
            if self.defer:
                log.info("auth: refreshed access token stored")


def _aware_utc(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(UTC)


def build_context(
    settings: Settings,
    now: datetime | None = None,
    dry_run: bool = False,
    *,
    config: Config | None = None,
    client_options: dict[str, Any] | None = None,
) -> JobContext:
    """Load config, migrate the database, connect to Basecamp and wire the job context.

    With `now` the bot runs as if at that time (its clock is frozen there); with `dry_run`
    nothing is posted and nothing recorded (the store rolls back when the context closes).
    """
    config = config if config is not None else load_config(settings.loti_config_dir)
    renderer = Renderer(settings.loti_templates_dir, settings.tz)
    engine = shared_engine(settings.database_url)
    migrate(engine)
    cleanups: list[Callable[[], None]] = []
    work_engine = engine
    if dry_run and engine.dialect.name == "sqlite" and engine.url.database not in (None, "",
                                                                                  ":memory:"):
        # SQLite has one writer: a dry run's open transaction on the real file would lock the
        # worker out for the whole run. Rehearse on a snapshot instead (thrown away after).
        work_engine, cleanup = _sqlite_snapshot(engine)
        cleanups += [cleanup, engine.dispose]
    store = Store(work_engine, dry_run=dry_run)
    token_keeper = TokenKeeper(Store(engine), defer=dry_run and work_engine is engine
                               and engine.dialect.name == "sqlite")
    fixed = _aware_utc(now) if now is not None else None
    clock: Callable[[], datetime] = (lambda: fixed) if fixed else (lambda: datetime.now(UTC))
    try:
        client = make_client(settings, token_keeper, DbCache(store, clock), client_options or {})
        me = client.my_profile()
    except BaseException:
        store.close()
        work_engine.dispose()
        for cleanup in cleanups:
            cleanup()
        raise
    outbox = Outbox(store, client, me, clock, dry_run=dry_run, log=logging.getLogger("bot.outbox"))
    reader = ThreadReader(store, client, me.id, clock=clock)
    return JobContext(
        settings=settings,
        config=config,
        store=store,
        client=client,
        outbox=outbox,
        reader=reader,
        renderer=renderer,
        now=clock(),
        tz=settings.tz,
        me=me,
        log=log,
        dry_run=dry_run,
        cleanups=cleanups,
    )


def _sqlite_snapshot(engine: Any) -> tuple[Any, Callable[[], None]]:
    """A consistent copy of a SQLite database in a temporary file, and how to remove it."""
    import shutil
    import sqlite3
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp(prefix="loti-dry-run-"))
    copy = folder / "snapshot.sqlite3"
    source = sqlite3.connect(engine.url.database, timeout=30)
    target = sqlite3.connect(copy)
    try:
        source.backup(target)  # SQLite's online backup: a moment's read lock, no write lock
    finally:
        target.close()
        source.close()
    return make_engine(f"sqlite:///{copy}"), lambda: shutil.rmtree(folder, ignore_errors=True)


def make_client(
    settings: Settings, keeper: TokenKeeper, cache: DbCache, options: dict[str, Any]
) -> BasecampClient:
    """A Basecamp client using the stored tokens if a refresh of the environment's pair has
    happened, else the environment's (re-authorised tokens in the environment win)."""
    stored = load_tokens(keeper.store)
    access = settings.basecamp_access_token.get_secret_value()
    refresh = settings.basecamp_refresh_token
    refresh_value = (refresh.get_secret_value() if refresh else None) or None
    source = env_digest(access, refresh_value)
    keeper.source = source
    if stored is not None and stored.env_digest in (None, source):
        access, refresh_value = stored.access, stored.refresh or refresh_value
    elif stored is not None:
        log.info("auth: the environment has new tokens; using them, not the stored pair")
    REDACTOR.add(access)
    REDACTOR.add(refresh_value)
    secret = settings.basecamp_client_secret
    client = BasecampClient(
        settings.basecamp_account_id,
        access,
        settings.basecamp_user_agent,
        api_url=settings.basecamp_api_url,
        launchpad_url=settings.basecamp_launchpad_url,
        refresh_token=refresh_value,
        client_id=settings.basecamp_client_id,
        client_secret=secret.get_secret_value() if secret else None,
        on_tokens=keeper,
        cache=cache,
        **options,
    )
    client.token_keeper = keeper  # type: ignore[attr-defined]  (flushed by JobContext.close)
    return client
