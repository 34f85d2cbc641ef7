"""The state store on SQLite and the real PostgreSQL: migrations, units of work, dry runs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select

from bot.basecamp.cache import CachedResponse
from bot.store.db import Conflict, Store, make_engine, migrate, normalise_database_url, upsert
from bot.store.http_cache import DbCache
from bot.store.tables import http_cache, metadata, tokens, worker_lease

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def count(store: Store, table) -> int:
    with store.transaction() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


class TestDatabaseUrl:
    @pytest.mark.parametrize(
        ("given", "expected"),
        [
            ("postgres://u:p@db.example:5432/app", "postgresql+psycopg://u:p@db.example:5432/app"),
            (
                "postgresql://u@h/app?sslmode=require",
                "postgresql+psycopg://u@h/app?sslmode=require",
            ),
            ("postgresql+psycopg://u@h/app", "postgresql+psycopg://u@h/app"),
            ("sqlite:///data/x.sqlite3", "sqlite:///data/x.sqlite3"),
        ],
    )
    def test_paas_urls_map_to_psycopg(self, given: str, expected: str) -> None:
        assert normalise_database_url(given) == expected

    def test_postgres_scheme_builds_a_psycopg_engine(self) -> None:
        engine = make_engine("postgres://someone@127.0.0.1:1/nowhere")
        assert engine.dialect.name == "postgresql"
        assert engine.dialect.driver == "psycopg"

    def test_sqlite_file_folder_is_created(self, tmp_path) -> None:
        engine = make_engine(f"sqlite:///{tmp_path / 'deep' / 'er' / 'bot.sqlite3'}")
        migrate(engine)
        assert (tmp_path / "deep" / "er" / "bot.sqlite3").exists()
        engine.dispose()


def _schema(conn) -> dict:
    """Everything the inspector can see of a database's tables, and its Alembic revision.
    Columns by name: a column a later migration added comes last, which nothing relies on."""
    seen = inspect(conn)
    tables = {}
    for name in sorted(seen.get_table_names()):
        tables[name] = {
            "columns": sorted((c["name"], str(c["type"]), c["nullable"], str(c.get("default")))
                              for c in seen.get_columns(name)),
            "primary key": seen.get_pk_constraint(name),
            "foreign keys": sorted(map(repr, seen.get_foreign_keys(name))),
            "indexes": sorted(map(repr, seen.get_indexes(name))),
            "unique": sorted(map(repr, seen.get_unique_constraints(name))),
            "checks": sorted(map(repr, seen.get_check_constraints(name))),
        }
    revision = sorted(conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars())
    return {"tables": tables, "revision": revision}


class TestMigrations:
    def test_migrated_schema_matches_metadata(self, db_url: str) -> None:
        from alembic import command

        from bot.store.db import alembic_config

        engine = make_engine(db_url)
        with engine.begin() as conn:  # every migration in turn (migrate() would create at once)
            command.upgrade(alembic_config(conn), "head")
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            diffs = compare_metadata(ctx, metadata)
            names = set(inspect(conn).get_table_names())
        engine.dispose()
        assert diffs == []
        assert set(metadata.tables) <= names
        assert {"http_cache", "tokens", "worker_lease", "alembic_version"} <= names

    def test_a_new_database_is_made_as_the_migrations_would_make_it(self, db_url: str) -> None:
        from alembic import command

        from bot.store.db import alembic_config

        engine = make_engine(db_url)
        migrate(engine)  # an empty database: made at once from the table definitions
        with engine.connect() as conn:
            made = _schema(conn)
        with engine.begin() as conn:
            metadata.drop_all(conn)
            conn.exec_driver_sql("DROP TABLE alembic_version")
            assert inspect(conn).get_table_names() == []
            command.upgrade(alembic_config(conn), "head")
        with engine.connect() as conn:
            migrated = _schema(conn)
        engine.dispose()
        assert set(made["tables"]) >= set(metadata.tables) | {"alembic_version"}
        assert made == migrated

    def test_migrate_twice_is_harmless(self, db_url: str) -> None:
        engine = make_engine(db_url)
        migrate(engine)
        migrate(engine)
        with engine.connect() as conn:
            version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()
        engine.dispose()
        # The newest revision (helpers' revisions are re-chained after 0001 when merged).
        from alembic.config import Config as AlembicConfig
        from alembic.script import ScriptDirectory

        import bot.store.migrations as migrations

        script = ScriptDirectory.from_config(_alembic_config(AlembicConfig, migrations))
        assert version == script.get_current_head()


class TestTransactions:
    def test_committed_unit_is_visible_to_a_new_store(self, store: Store) -> None:
        with store.transaction() as conn:
            conn.execute(tokens.insert().values(name="basecamp", access_token="a", updated_at=NOW))
        other = Store(store.engine)
        assert count(other, tokens) == 1

    def test_failed_unit_is_undone(self, store: Store) -> None:
        with pytest.raises(RuntimeError), store.transaction() as conn:
            conn.execute(tokens.insert().values(name="basecamp", access_token="a", updated_at=NOW))
            raise RuntimeError("boom")
        assert count(store, tokens) == 0

    def test_duplicate_key_raises_conflict(self, store: Store) -> None:
        row = {"name": "basecamp", "access_token": "a", "updated_at": NOW}
        with store.transaction() as conn:
            conn.execute(tokens.insert().values(**row))
        with pytest.raises(Conflict) as caught, store.transaction() as conn:
            conn.execute(tokens.insert().values(**row))
        assert "conflict" in str(caught.value)
        assert count(store, tokens) == 1

    def test_errors_never_show_the_values_written(self, store: Store) -> None:
        secret = "access-token-that-must-not-leak-123"
        row = {"name": "basecamp", "access_token": secret, "updated_at": NOW}
        with store.transaction() as conn:
            conn.execute(tokens.insert().values(**row))
        with pytest.raises(Conflict) as caught, store.transaction() as conn:
            conn.execute(tokens.insert().values(**row))
        assert secret not in str(caught.value)
        assert secret not in str(caught.value.__cause__)

    def test_datetimes_come_back_aware_utc(self, store: Store) -> None:
        paris = timezone(timedelta(hours=1))
        with store.transaction() as conn:
            conn.execute(
                worker_lease.insert().values(
                    name="w", holder="h", expires_at=datetime(2026, 12, 1, 10, 30, tzinfo=paris)
                )
            )
            got = conn.execute(select(worker_lease.c.expires_at)).scalar_one()
        assert got == NOW
        assert got.utcoffset() == timedelta(0)

    def test_naive_datetime_is_refused(self, store: Store) -> None:
        with pytest.raises(Exception, match="naive datetime"), store.transaction() as conn:
            conn.execute(
                worker_lease.insert().values(name="w", holder="h", expires_at=datetime(2026, 1, 1))
            )

    def test_upsert_inserts_then_updates_only_where_allowed(self, store: Store) -> None:
        later = NOW + timedelta(minutes=5)
        with store.transaction() as conn:
            upsert(conn, worker_lease, {"name": "w", "holder": "a", "expires_at": NOW}, ["name"])
            upsert(
                conn,
                worker_lease,
                {"name": "w", "holder": "b", "expires_at": later},
                ["name"],
                where=worker_lease.c.expires_at < NOW,
            )
            assert conn.execute(select(worker_lease.c.holder)).scalar_one() == "a"
            upsert(conn, worker_lease, {"name": "w", "holder": "b", "expires_at": later}, ["name"])
            assert conn.execute(select(worker_lease.c.holder)).scalar_one() == "b"


class TestDryRun:
    def test_dry_run_sees_its_own_writes_then_forgets_them(self, store: Store) -> None:
        dry = Store(store.engine, dry_run=True)
        with dry.transaction() as conn:
            conn.execute(tokens.insert().values(name="basecamp", access_token="a", updated_at=NOW))
        assert count(dry, tokens) == 1
        dry.close()
        assert count(store, tokens) == 0

    def test_failed_unit_in_dry_run_rolls_back_only_that_savepoint(self, store: Store) -> None:
        dry = Store(store.engine, dry_run=True)
        row = {"name": "basecamp", "access_token": "a", "updated_at": NOW}
        with dry.transaction() as conn:
            conn.execute(tokens.insert().values(**row))
        with pytest.raises(Conflict), dry.transaction() as conn:
            conn.execute(worker_lease.insert().values(name="w", holder="h", expires_at=NOW))
            conn.execute(tokens.insert().values(**row))
        assert count(dry, tokens) == 1
        assert count(dry, worker_lease) == 0
        dry.close()
        assert count(store, tokens) == 0


class TestHttpCache:
    def test_round_trip_and_replace(self, store: Store) -> None:
        cache = DbCache(store, clock=lambda: NOW)
        url = "https://3.basecampapi.com/1/projects.json?page=2"
        assert cache.get(url) is None
        cache.put(url, CachedResponse(body="[1]", etag='W/"a"', link='<x>; rel="next"'))
        cache.put(url, CachedResponse(body="[2]", etag='W/"b"', total_count=7))
        got = cache.get(url)
        assert got == CachedResponse(body="[2]", etag='W/"b"', total_count=7)
        assert count(store, http_cache) == 1

    def test_broken_cache_reads_as_a_miss(self, tmp_path) -> None:
        engine = make_engine(f"sqlite:///{tmp_path / 'unmigrated.sqlite3'}")
        cache = DbCache(Store(engine))
        cache.put("https://x/1.json", CachedResponse(body="{}"))  # no table: logged, not raised
        assert cache.get("https://x/1.json") is None
        engine.dispose()


def _alembic_config(cls, package):
    from pathlib import Path

    cfg = cls()
    cfg.set_main_option("script_location", str(Path(package.__file__).parent))
    return cfg


def _backend_pid(engine) -> int:
    """The PostgreSQL server process behind the connection a transaction gets."""
    from sqlalchemy import text

    with engine.begin() as conn:
        return conn.execute(text("SELECT pg_backend_pid()")).scalar()


class TestSharedEngine:
    """One engine per database per process: what it compiled and learned is kept."""

    def test_an_opened_store_is_migrated_and_its_connection_closed_even_on_error(
        self, tmp_path
    ) -> None:
        from bot.store.db import opened_store, shared_engine

        url = f"sqlite:///{tmp_path / 'bot.sqlite3'}"
        with pytest.raises(RuntimeError), opened_store(url) as store:
            with store.transaction() as conn:
                conn.execute(tokens.insert().values(name="bot", access_token="x",
                                                    updated_at=NOW))
            assert store.engine is shared_engine(url)
            raise RuntimeError("the command failed")
        assert shared_engine(url).pool.checkedin() == 0  # released: no connection kept open
        with opened_store(url) as store:
            assert count(store, tokens) == 1  # what was committed before the error stays

    def test_the_same_database_gets_the_same_engine_and_it_works_after_dispose(
        self, tmp_path
    ) -> None:
        from bot.store.db import shared_engine

        url = f"sqlite:///{tmp_path / 'bot.sqlite3'}"
        engine = shared_engine(url)
        migrate(engine)
        with Store(engine) as store, store.transaction() as conn:
            conn.execute(tokens.insert().values(name="bot", access_token="x", updated_at=NOW))
            assert conn.execute(select(func.count()).select_from(tokens)).scalar() == 1
        statements = len(engine._compiled_cache)
        engine.dispose()  # what a closed context does
        again = shared_engine(url)
        assert again is engine
        with Store(again) as store, store.transaction() as conn:
            conn.execute(tokens.insert().values(name="bot2", access_token="y", updated_at=NOW))
            assert conn.execute(select(func.count()).select_from(tokens)).scalar() == 2
        assert len(again._compiled_cache) == statements  # nothing was compiled again

    @pytest.mark.postgres
    def test_released_postgresql_connections_are_reused_by_the_next_tick(
        self, postgres_schema_url
    ) -> None:
        from bot.store.db import release, shared_engine

        shared = shared_engine(postgres_schema_url)
        first = _backend_pid(shared)
        release(shared)
        assert _backend_pid(shared) == first  # the same server process: no new connection
        own = make_engine(postgres_schema_url)  # not shared: released means closed
        first = _backend_pid(own)
        release(own)
        assert _backend_pid(own) != first
        own.dispose()
        shared.dispose()

    @pytest.mark.postgres
    def test_a_kept_connection_the_server_closed_is_replaced_before_use(
        self, postgres_schema_url
    ) -> None:
        # Between ticks the server may restart or drop idle connections (a PaaS database's
        # maintenance): the next transaction must get a live connection, not fail.
        from bot.store.db import release, shared_engine
        from tests.conftest import _admin_connection

        engine = shared_engine(postgres_schema_url)
        first = _backend_pid(engine)
        release(engine)
        with _admin_connection() as admin:
            assert admin.execute("SELECT pg_terminate_backend(%s)", (first,)).fetchone()[0]
        assert _backend_pid(engine) != first
        engine.dispose()

    def test_in_memory_databases_are_never_shared(self) -> None:
        from bot.store.db import shared_engine

        assert shared_engine("sqlite://") is not shared_engine("sqlite://")

    def test_only_a_few_engines_are_kept(self, tmp_path) -> None:
        from bot.store import db

        first = db.shared_engine(f"sqlite:///{tmp_path / 'first.sqlite3'}")
        for n in range(db._SHARED_ENGINES):
            db.shared_engine(f"sqlite:///{tmp_path / f'{n}.sqlite3'}")
        assert len(db._shared) == db._SHARED_ENGINES
        assert db.shared_engine(f"sqlite:///{tmp_path / 'first.sqlite3'}") is not first


def test_heads_are_read_again_when_a_revision_file_changes(tmp_path, monkeypatch) -> None:
    import shutil

    from bot.store import db

    versions = tmp_path / "migrations" / "versions"
    shutil.copytree(db.MIGRATIONS_DIR / "versions", versions,
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(db, "MIGRATIONS_DIR", tmp_path / "migrations")
    (head,) = db.script_heads()
    (versions / "9999_next.py").write_text(
        f'revision = "next"\ndown_revision = "{head}"\n', encoding="utf-8")
    assert db.script_heads() == {"next"}
    (versions / "9999_next.py").unlink()
    assert db.script_heads() == {head}
