"""Shared fixtures (see docs/ARCHITECTURE.md, "Tests"). Each part keeps to its marked block."""

from __future__ import annotations

# --- store fixtures (frame) -------------------------------------------------------------------
import os
import uuid
from collections.abc import Iterator

import pytest

POSTGRES_URL = os.environ.get(
    "LOTI_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _postgres_schema_url(schema: str) -> str:
    # libpq `options` puts the test's own schema first on search_path for every connection.
    sep = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture
def postgres_schema_url() -> Iterator[str]:
    """A PostgreSQL URL whose connections use a fresh, empty schema (dropped afterwards)."""
    import psycopg

    plain = POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://")
    schema = f"t_{uuid.uuid4().hex[:16]}"
    try:
        admin = psycopg.connect(plain, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as err:
        pytest.fail(f"PostgreSQL is not reachable at {plain} ({err.__class__.__name__})")
    with admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
        try:
            yield _postgres_schema_url(schema)
        finally:
            admin.execute("SET lock_timeout = '10s'")
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def db_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """A database URL for an empty database: a SQLite file, then the real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    return request.getfixturevalue("postgres_schema_url")


@pytest.fixture
def store(db_url: str):
    """A migrated Store on `db_url`."""
    from bot.store.db import Store, make_engine, migrate

    engine = make_engine(db_url)
    migrate(engine)
    store = Store(engine)
    yield store
    store.close()
    engine.dispose()


# --- end store fixtures -----------------------------------------------------------------------


# --- sandbox fixtures (sandbox + conformance) -------------------------------------------------
# `sandbox`: a started Sandbox (validate_requests=True, rate limit on), stopped after the test.
# Every request the bot sends must conform to the OpenAPI spec: teardown asserts
# `sandbox.violations == []`. Opt out with @pytest.mark.allow_spec_violations.
SANDBOX_USER_AGENT = "LOTI Network Bot tests (https://loti.london; network-bot@loti.london)"


@pytest.fixture
def sandbox(request: pytest.FixtureRequest):
    """A started Basecamp sandbox on loopback; fails the test on spec violations.

    Both ways: the requests it gets and the answers it gives (the sandbox must stay
    Basecamp-shaped in every scenario, not only in the conformance tests).
    """
    from bot.sandbox import Sandbox

    sb = Sandbox(validate_requests=True, validate_responses=True).start()
    try:
        yield sb
    finally:
        sb.stop()
    if request.node.get_closest_marker("allow_spec_violations") is None:
        assert sb.violations == [], "requests or answers that break the OpenAPI spec"


@pytest.fixture
def client(sandbox):
    """A BasecampClient on the sandbox with millisecond backoff and the sandbox's tokens."""
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
    )


# --- end sandbox fixtures ---------------------------------------------------------------------
