"""Engine, migrations and the Store: committed units of work, or one rolled-back dry run.

Errors: `StoreError` <- `Conflict` (a unique or foreign-key constraint said no).
"""

from __future__ import annotations

import ast
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, Table, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import StaticPool

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_MIGRATE_LOCK_ID = 0x4C4F5449  # "LOTI": a PostgreSQL advisory lock so two dynos migrate in turn


class StoreError(Exception):
    """Base class for store errors."""


class Conflict(StoreError):
    """A write broke a unique or foreign-key constraint (e.g. the row already exists)."""

    def __init__(self, detail: str):
        super().__init__(f"conflict in the store: {detail}")


def normalise_database_url(url: str) -> str:
    """Map PaaS-style postgres:// and postgresql:// URLs to the psycopg 3 driver."""
    url = url.strip()
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine for a SQLite or PostgreSQL URL, ready for savepoints on both."""
    url_obj = make_url(normalise_database_url(url))
    # Statement parameters hold tokens and members' words: keep them out of every error message.
    kwargs.setdefault("hide_parameters", True)
    if url_obj.get_backend_name() != "sqlite":
        kwargs.setdefault("pool_pre_ping", True)
        return create_engine(url_obj, **kwargs)
    database = url_obj.database or ""
    connect_args = kwargs.pop("connect_args", {})
    connect_args.setdefault("check_same_thread", False)  # the scheduler runs jobs on a thread
    connect_args.setdefault("timeout", 30)  # wait for another writer rather than fail at once
    if database in ("", ":memory:"):
        kwargs.setdefault("poolclass", StaticPool)  # one shared in-memory database
    else:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url_obj, connect_args=connect_args, **kwargs)
    _sqlite_transactions(engine)
    return engine


_SHARED_ENGINES = 4  # a process rarely uses more than one or two databases
_shared: OrderedDict[str, Engine] = OrderedDict()
_shared_lock = threading.Lock()


def shared_engine(url: str) -> Engine:
    """The process's engine for this database, made on first use and kept.

    SQLAlchemy means an Engine to live as long as the process: a new one compiles every
    statement again and asks the server what it is again, which cost the demo and the staff
    commands that run many ticks in one process most of each tick. Callers `release()` it
    when done. An in-memory SQLite database is never shared (each engine's is a separate,
    empty database). Only a few are kept; the oldest is disposed.
    """
    key = normalise_database_url(url)
    parsed = make_url(key)
    if parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:"):
        return make_engine(url)
    with _shared_lock:
        engine = _shared.get(key)
        if engine is None:
            engine = _shared[key] = make_engine(url)
        _shared.move_to_end(key)
        while len(_shared) > _SHARED_ENGINES:
            _shared.popitem(last=False)[1].dispose()
        return engine


def release(engine: Engine) -> None:
    """Done with `engine` for now: close its idle connections, except a shared PostgreSQL
    engine's, which the next tick reuses (a new PostgreSQL connection costs the server about
    6 ms of CPU; pool_pre_ping still checks each before use). SQLite reconnects for almost
    nothing, and then always opens the file that is there now."""
    with _shared_lock:
        keep = engine.dialect.name == "postgresql" and any(
            shared is engine for shared in _shared.values())
    if not keep:
        engine.dispose()


@contextmanager
def opened_store(url: str) -> Iterator[Store]:
    """A Store on the process's engine for `url`, migrated first; closed and the engine
    released after (what each staff command that reads or writes the store needs)."""
    engine = shared_engine(url)
    try:
        migrate(engine)
        store = Store(engine)
        try:
            yield store
        finally:
            store.close()
    finally:
        release(engine)


def _sqlite_transactions(engine: Engine) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINT and transactional DDL; hand it to
    # SQLAlchemy (the documented "Serializable isolation / Savepoints / Transactional DDL" recipe).
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")


def alembic_config(connection: Connection | None = None) -> AlembicConfig:
    """An Alembic config pointing at the migrations inside the package."""
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the database schema up to date (Alembic `upgrade head`).

    An empty database is made at once from the table definitions and stamped at the head
    revision, as Alembic's cookbook suggests ("Building an Up to Date Database from Scratch"):
    running every migration in turn costs twice as much, and SQLite's batch migrations copy
    each table they change. A test holds the two ways to the same schema.
    """
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _MIGRATE_LOCK_ID})
        tables = set(inspect(conn).get_table_names())
        if "alembic_version" in tables and _at_head(conn):
            return  # the usual start: Alembic (about 0.25 s of imports) is not needed
        heads = script_heads()
        if not tables and heads is not None:
            _create_at_head(conn, heads)
            return
        from alembic import command

        command.upgrade(alembic_config(conn), "head")


def _create_at_head(conn: Connection, heads: set[str]) -> None:
    from bot.store.tables import metadata

    metadata.create_all(conn, checkfirst=False)  # the database has no tables
    # The table Alembic keeps its revision in, as Alembic itself creates it.
    conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                      "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"))
    for head in sorted(heads):
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:head)"),
                     {"head": head})


_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+?)\s*(?:#.*)?$",
                            re.MULTILINE)  # fmt: skip


_heads_seen: dict[tuple, set[str] | None] = {}


def script_heads() -> set[str] | None:
    """The head revisions, read from each revision file's own lines without importing Alembic.

    None when a file does not state its revisions plainly: then Alembic decides. Read again
    only when a revision file is added, removed or changed.
    """
    paths = sorted((MIGRATIONS_DIR / "versions").glob("*.py"))
    stats = [(path.name, path.stat()) for path in paths]  # one stat call per file
    files = tuple((name, info.st_mtime_ns, info.st_size) for name, info in stats)
    if files not in _heads_seen:
        _heads_seen.clear()
        _heads_seen[files] = _read_heads(paths)
    found = _heads_seen[files]
    return set(found) if found is not None else None


def _read_heads(paths: list[Path]) -> set[str] | None:
    revisions: set[str] = set()
    downs: set[str] = set()
    for path in paths:
        found = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        try:
            revision = ast.literal_eval(found["revision"])
            down = ast.literal_eval(found["down_revision"])
        except (KeyError, ValueError, SyntaxError):
            return None
        if not isinstance(revision, str):
            return None
        revisions.add(revision)
        downs.update((down,) if isinstance(down, str) else (down or ()))
    return (revisions - downs) or None


def _at_head(conn: Connection) -> bool:
    """Whether the database, which has an alembic_version table, stands at every head
    revision (one small query)."""
    current = {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}
    return current == script_heads()


class Store:
    """The state store: `transaction()` units, or in dry-run one outer transaction rolled back."""

    def __init__(self, engine: Engine, dry_run: bool = False):
        self.engine = engine
        self.dry_run = dry_run
        self._conn: Connection | None = None
        self._outer = None
        if dry_run:
            # Everything happens on one connection inside one transaction; each unit is a
            # savepoint, so reads see the run's own writes and close() forgets them all.
            self._conn = engine.connect()
            self._outer = self._conn.begin()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A unit of work: committed on success (or released savepoint in dry-run), else undone."""
        try:
            if self._conn is not None:
                with self._conn.begin_nested():
                    yield self._conn
            else:
                with self.engine.begin() as conn:
                    yield conn
        except IntegrityError as err:
            raise Conflict(_integrity_detail(err)) from err

    def close(self) -> None:
        """Release the connection; in dry-run this rolls back everything the run wrote."""
        if self._conn is not None:
            if self._outer is not None and self._outer.is_active:
                self._outer.rollback()
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def upsert(
    conn: Connection, table: Table, values: dict[str, Any], keys: list[str], where: Any = None
) -> Any:
    """INSERT ... ON CONFLICT (keys) DO UPDATE (SQLite or PostgreSQL); `where` limits the update."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(table).values(**values)
    update = {k: stmt.excluded[k] for k in values if k not in keys}
    stmt = stmt.on_conflict_do_update(index_elements=keys, set_=update, where=where)
    return conn.execute(stmt)


def _integrity_detail(err: IntegrityError) -> str:
    # The driver's message names the constraint; the statement parameters are left out.
    return str(err.orig).strip().splitlines()[0] if err.orig else "integrity error"
