"""Shared fixtures (see docs/ARCHITECTURE.md, "Tests"). Each part keeps to its marked block."""

from __future__ import annotations

# --- store fixtures (frame) -------------------------------------------------------------------
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.skipped_time import SkippedTime  # the sandbox fixtures' shared time

POSTGRES_URL = os.environ.get(
    "LOTI_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _postgres_schema_url(schema: str) -> str:
    # libpq `options` puts the test's own schema first on search_path for every connection.
    # A test's commits need not wait for the disk (nothing here survives a power cut), so
    # synchronous_commit is off for its sessions: what a commit makes visible is unchanged.
    sep = "&" if "?" in POSTGRES_URL else "?"
    return (f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"
            "%20-csynchronous_commit%3Doff")


def _admin_connection():
    import psycopg

    plain = POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://")
    try:
        return psycopg.connect(plain, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as err:
        pytest.fail(f"PostgreSQL is not reachable at {plain} ({err.__class__.__name__})")


@pytest.fixture
def postgres_schema_url() -> Iterator[str]:
    """A PostgreSQL URL whose connections use a fresh, empty schema (dropped afterwards)."""
    schema = f"t_{uuid.uuid4().hex[:16]}"
    with _admin_connection() as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
        try:
            yield _postgres_schema_url(schema)
        finally:
            admin.execute("SET lock_timeout = '10s'")
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


class _SchemaPool:
    """Migrated PostgreSQL schemas, emptied after each test and handed to the next one.

    Creating the schema's tables costs about 0.2 s of server time (and DROP SCHEMA 0.05 s);
    emptying them costs under a millisecond. A schema whose tables, columns or revision a
    test changed is dropped, not reused.
    """

    def __init__(self) -> None:
        self.free: list[str] = []
        self.shape: list[tuple] | None = None  # the tables and columns at the head revision
        self.admin = None

    def _conn(self):
        if self.admin is None or self.admin.closed or self.admin.broken:
            self.admin = _admin_connection()
        return self.admin

    def _shape(self, schema: str) -> list[tuple]:
        rows = self._conn().execute(
            "SELECT c.relname, c.relkind, a.attname, a.atttypid, a.attnotnull"
            " FROM pg_class c LEFT JOIN pg_attribute a"
            " ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            " WHERE c.relnamespace = %s::regnamespace ORDER BY 1, 3",
            (schema,),
        ).fetchall()
        version = self._conn().execute(f'SELECT version_num FROM "{schema}".alembic_version')
        return [*rows, *version.fetchall()]

    def take(self) -> str:
        """A schema at the head revision with no rows."""
        if self.free:
            return self.free.pop()
        from bot.store.db import make_engine, migrate

        schema = f"t_{uuid.uuid4().hex[:16]}"
        self._conn().execute(f'CREATE SCHEMA "{schema}"')
        engine = make_engine(_postgres_schema_url(schema))
        migrate(engine)
        engine.dispose()
        if self.shape is None:
            self.shape = self._shape(schema)
        return schema

    def give_back(self, schema: str) -> None:
        """Empty the schema for the next test, or drop it if the test changed its shape."""
        admin = self._conn()
        admin.execute("SET lock_timeout = '10s'")
        if self._shape(schema) != self.shape:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
            return
        relations = {(row[0], row[1]) for row in self.shape if len(row) == 5}
        emptying = []
        for name, kind in sorted(relations):
            if kind == "r" and name != "alembic_version":
                emptying.append(f'DELETE FROM "{schema}"."{name}"')
            elif kind == "S":  # a sequence starts again at 1, as in a new schema
                emptying.append(f"SELECT setval('\"{schema}\".\"{name}\"', 1, false)")
        with admin.transaction():  # one round trip (no parameters: the simple query protocol)
            admin.execute("; ".join(emptying).encode())
        self.free.append(schema)

    def close(self) -> None:
        if self.admin is None:
            return
        for schema in self.free:
            self.admin.execute(f'DROP SCHEMA "{schema}" CASCADE')
        self.admin.close()


@pytest.fixture(scope="session")
def _schema_pool() -> Iterator[_SchemaPool]:
    pool = _SchemaPool()
    yield pool
    pool.close()


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head once per test process; tests start from a copy."""
    from bot.store.db import make_engine, migrate

    path = tmp_path_factory.mktemp("template") / "store.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    return path


@pytest.fixture
def _migrated_postgres_schema_url(_schema_pool: _SchemaPool) -> Iterator[str]:
    schema = _schema_pool.take()
    try:
        yield _postgres_schema_url(schema)
    finally:
        _schema_pool.give_back(schema)


@pytest.fixture(scope="session")
def _sqlite_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The one SQLite file a test process's `db_url` tests use, in turn (emptied or copied
    from the template before each). One path means one shared engine, as in the bot's own
    process: its statements are compiled once, not once per test (about 5,000 compilations
    a run)."""
    return tmp_path_factory.mktemp("db") / "store.sqlite3"


def _fresh_sqlite(path: Path, template: Path | None) -> None:
    from bot.store.db import shared_engine

    # A connection still pooled from the last test would see that test's (removed) file.
    shared_engine(f"sqlite:///{path}").dispose()
    for suffix in ("", "-journal", "-wal", "-shm"):  # the file and SQLite's side files
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    if template is not None:
        shutil.copyfile(template, path)


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def db_url(request: pytest.FixtureRequest) -> str:
    """A database URL, a SQLite file then the real PostgreSQL: for an empty database, or one
    already at the head revision with no rows when the test uses `store` or `migrated_db_url`
    (migrating once per test process and copying is much faster than migrating every time).
    """
    migrated = {"store", "migrated_db_url"} & set(request.fixturenames)
    if request.param == "sqlite":
        path = request.getfixturevalue("_sqlite_path")
        _fresh_sqlite(path, request.getfixturevalue("_sqlite_template") if migrated else None)
        return f"sqlite:///{path}"
    if migrated:
        return request.getfixturevalue("_migrated_postgres_schema_url")
    return request.getfixturevalue("postgres_schema_url")


@pytest.fixture
def migrated_db_url(db_url: str) -> str:
    """`db_url`, already at the head revision (for worlds that are not about migrating)."""
    return db_url


@pytest.fixture
def store(db_url: str):
    """A migrated Store on `db_url`, on the process's shared engine for it (as the bot's own
    contexts use): a pooled PostgreSQL schema's connection carries over to its next test."""
    from bot.store.db import Store, migrate, release, shared_engine

    engine = shared_engine(db_url)
    migrate(engine)  # already at head: one small query that says so
    store = Store(engine)
    yield store
    store.close()
    release(engine)


# --- end store fixtures -----------------------------------------------------------------------


# --- sandbox fixtures (sandbox + conformance) -------------------------------------------------
# `sandbox`: a started Sandbox (validate_requests=True, rate limit on), stopped after the test.
# Every request the bot sends must conform to the OpenAPI spec: teardown asserts
# `sandbox.violations == []`. Opt out with @pytest.mark.allow_spec_violations.
SANDBOX_USER_AGENT = "LOTI Network Bot tests (https://loti.london; network-bot@loti.london)"


@pytest.fixture
def skipped_time() -> SkippedTime:
    """The time the sandbox's limiter and the test's clients share (see SkippedTime)."""
    return SkippedTime()


@pytest.fixture
def sandbox(request: pytest.FixtureRequest, skipped_time: SkippedTime):
    """A started Basecamp sandbox on loopback; fails the test on spec violations.

    Both ways: the requests it gets and the answers it gives (the sandbox must stay
    Basecamp-shaped in every scenario, not only in the conformance tests). Its rate limiter
    runs on `skipped_time`.
    """
    from bot.sandbox import Sandbox

    sb = Sandbox(validate_requests=True, validate_responses=True,
                 limiter_clock=skipped_time.now).start()
    try:
        yield sb
    finally:
        sb.stop()
    if request.node.get_closest_marker("allow_spec_violations") is None:
        assert sb.violations == [], "requests or answers that break the OpenAPI spec"


@pytest.fixture
def client(sandbox, skipped_time: SkippedTime):
    """A BasecampClient on the sandbox with millisecond backoff and the sandbox's tokens.

    Default pacing, on `skipped_time` like the sandbox's limiter: no real waits.
    """
    from bot.basecamp.client import BasecampClient

    return BasecampClient(
        account_id=sandbox.account_id,
        access_token=sandbox.token,
        user_agent=SANDBOX_USER_AGENT,
        api_url=sandbox.api_url,
        launchpad_url=sandbox.launchpad_url,
        refresh_token=sandbox.refresh_token,
        client_id=sandbox.client_id,
        client_secret=sandbox.client_secret,
        backoff_base=0.001,
        backoff_max=0.01,
        clock=skipped_time.now,
        sleep=skipped_time.sleep,
    )


# --- end sandbox fixtures ---------------------------------------------------------------------


# --- scheduling (suite speed) -----------------------------------------------------------------
def pytest_configure(config: pytest.Config) -> None:
    """Temporary files (the tests' SQLite stores) on /dev/shm where it is a writable tmpfs:
    on a disk every SQLite commit waits for fsync, about 10 s of the suite's time."""
    if hasattr(config, "workerinput") or config.option.basetemp:
        return  # xdist workers get their directory from the controller
    shm = Path("/dev/shm")
    if "PYTEST_DEBUG_TEMPROOT" not in os.environ and shm.is_dir() and os.access(shm, os.W_OK):
        os.environ["PYTEST_DEBUG_TEMPROOT"] = str(shm)


def pytest_collection_finish(session: pytest.Session) -> None:
    """The collected tests and everything imported so far live until the end: the cyclic
    garbage collector need not walk them again (gc.freeze), and runs less often. It took about
    7% of the suite's time, for the many short-lived objects of each test."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `long` first (otherwise in their order), so that under `-n 4` the last
    tests are short ones and no worker is left waiting on another's long test."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


# --- end scheduling ---------------------------------------------------------------------------
