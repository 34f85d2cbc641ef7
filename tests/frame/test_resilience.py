"""The worker when access, time or the database fail: tokens, back-off, heartbeat, shutdown."""

from __future__ import annotations

import logging
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.basecamp.errors import RateLimited
from bot.jobs import planner
from bot.jobs import poll as poll_job
from bot.jobs.context import build_context
from bot.settings import load_settings
from bot.store.db import Store, make_engine, migrate
from bot.store.tables import tokens
from bot.store.tokens import env_digest, save_tokens
from bot.worker import Lease, Worker
from tests.frame.frame_support import sandbox_env

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def settings_for(sandbox, db_url: str, **extra: str):
    env = sandbox_env(sandbox, db_url, **extra)
    return load_settings(env_file=None, **{k.lower(): v for k, v in env.items()})


def _store(db_url: str) -> Store:
    engine = make_engine(db_url)
    migrate(engine)
    return Store(engine)


class TestTokens:
    def test_re_authorised_environment_tokens_win_over_a_stale_stored_pair(
        self, sandbox, db_url: str
    ) -> None:
        # The bot refreshed from the old env pair; staff then revoked it and re-authorised.
        store = _store(db_url)
        save_tokens(store, "revoked-access", "revoked-refresh", NOW,
                    env_digest=env_digest("old-access", "old-refresh"))
        store.engine.dispose()
        ctx = build_context(settings_for(sandbox, db_url))  # the env has the new pair
        try:
            assert ctx.me.id == sandbox.bot_person["id"]
            assert ctx.client.stats.refreshes == 0  # it used the env token, not the stored one
        finally:
            ctx.close()

    def test_a_pair_refreshed_from_the_current_environment_is_still_preferred(
        self, sandbox, db_url: str
    ) -> None:
        settings = settings_for(sandbox, db_url)
        ctx = build_context(settings)
        sandbox.expire_token()
        ctx.client.my_profile()  # refreshes: the env token now no longer works
        ctx.close()
        store = _store(db_url)
        with store.transaction() as conn:
            row = conn.execute(select(tokens)).one()
        store.engine.dispose()
        assert row.env_digest == env_digest(
            settings.basecamp_access_token.get_secret_value(),
            settings.basecamp_refresh_token.get_secret_value(),
        )
        again = build_context(settings)
        try:
            assert again.me.id == sandbox.bot_person["id"]
            assert again.client.stats.refreshes == 0
        finally:
            again.close()


class _Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def quiet_features(monkeypatch):
    planner.load_features()
    poll_job.load_handlers()
    monkeypatch.setattr(poll_job, "AFTER_POLL", [])


class TestExpiredTokenWithoutRefresh:
    def test_one_clear_line_then_back_off_then_recover(
        self, sandbox, tmp_path, caplog, monkeypatch, quiet_features
    ) -> None:
        settings = settings_for(sandbox, f"sqlite:///{tmp_path / 'bot.sqlite3'}",
                                BASECAMP_REFRESH_TOKEN="", BASECAMP_CLIENT_SECRET="")
        calls: list[datetime] = []

        def plan(ctx) -> None:
            calls.append(ctx.now)
            ctx.client.my_profile()

        monkeypatch.setattr(planner, "PLANNERS", [plan])
        clock = _Clock()
        worker = Worker(build_context(settings), 30, clock=clock, holder="w")
        try:
            sandbox.expire_token()
            with caplog.at_level(logging.INFO):
                for _ in range(10):  # ten cycles, 30 s apart
                    worker.step("planner")
                    clock.now += timedelta(seconds=30)
            lines = [r for r in caplog.records if "BASECAMP_ACCESS_TOKEN" in r.getMessage()]
            assert len(lines) == 1, [r.getMessage() for r in lines]
            assert "loti-bot auth" in lines[0].getMessage()
            assert not any(r.exc_info for r in caplog.records)  # no traceback
            assert 2 <= len(calls) < 10  # backed off: fewer attempts than cycles
            assert sandbox.token not in caplog.text
            # The token works again (staff restored it): the worker carries on by itself.
            with sandbox.lock:
                sandbox.state.auth["expired"] = False
            caplog.clear()
            with caplog.at_level(logging.INFO):
                for _ in range(40):
                    worker.step("planner")
                    clock.now += timedelta(seconds=30)
            assert "access to Basecamp is back" in caplog.text
            assert calls[-1] == clock.now - timedelta(seconds=30)  # acting every cycle again
        finally:
            worker.ctx.close()


class TestLease:
    def test_the_lease_is_shorter_than_a_minute_and_a_half(self, sandbox, tmp_path) -> None:
        settings = settings_for(sandbox, f"sqlite:///{tmp_path / 'bot.sqlite3'}")
        worker = Worker(build_context(settings), 30)
        try:
            assert timedelta(seconds=30) <= worker.lease.ttl <= timedelta(seconds=90)
            assert worker.heartbeat_seconds <= worker.lease.ttl.total_seconds() / 3
        finally:
            worker.ctx.close()

    @pytest.mark.long
    def test_a_heartbeat_renews_the_lease_while_a_long_step_runs(
        self, sandbox, tmp_path, monkeypatch, quiet_features
    ) -> None:
        settings = settings_for(sandbox, f"sqlite:///{tmp_path / 'bot.sqlite3'}")
        seen: list[datetime] = []
        worker = Worker(build_context(settings), 30, lease_ttl=timedelta(seconds=1.5),
                        heartbeat_seconds=0.2, holder="slow")

        def slow(ctx) -> None:
            for _ in range(8):  # 4 s: much longer than the lease
                time.sleep(0.5)
                current = worker.lease.current()
                seen.append(current[1] if current else None)

        monkeypatch.setattr(planner, "PLANNERS", [slow])
        other = Lease(worker.ctx.store, "standby", timedelta(seconds=1.5))
        try:
            taken = []
            assert worker.lease.acquire(datetime.now(UTC))
            t = threading.Thread(target=lambda: taken.append(worker.step("planner")))
            t.start()
            tries = []
            while t.is_alive():
                tries.append(other.acquire(datetime.now(UTC)))
                time.sleep(0.25)
            t.join()
            assert taken == [True]
            assert tries and not any(tries)  # the standby never got in
            assert len(set(seen)) > 3  # renewed as the step ran
        finally:
            worker.ctx.close()

    def test_a_retry_after_longer_than_the_lease_ends_the_step(
        self, sandbox, tmp_path, monkeypatch, quiet_features, caplog
    ) -> None:
        settings = settings_for(sandbox, f"sqlite:///{tmp_path / 'bot.sqlite3'}")
        board = next(d["id"] for d in sandbox.add_project("Network")["dock"]
                     if d["name"] == "message_board")
        clock = _Clock()
        worker = Worker(build_context(settings), 30, holder="w", clock=clock)

        def post(ctx) -> None:
            ctx.outbox.create_message("test:hello", board, "Hello", "<div>Hello!</div>")

        monkeypatch.setattr(planner, "PLANNERS", [post])
        sandbox.faults.script([429], retry_after=320, methods=("POST",))
        try:
            began = time.monotonic()
            with caplog.at_level(logging.INFO):
                worker.step("planner")
            assert time.monotonic() - began < 10  # never slept through it
            assert worker.ctx.client.http.max_retry_after < worker.lease.ttl.total_seconds()
            assert "carry on next cycle" in caplog.text
            assert worker.ctx.outbox.record("test:hello").status == "pending"
            clock.now += timedelta(seconds=30)
            assert not worker.step("planner")  # Basecamp said to wait: nothing is sent
            clock.now += timedelta(seconds=300)
            assert worker.step("planner")  # the next cycle after the wait: written once
            assert worker.ctx.outbox.done("test:hello") is not None
        finally:
            worker.ctx.close()


class TestLogs:
    @pytest.mark.long
    def test_skipped_runs_are_logged_once_per_overrun_not_every_interval(
        self, sandbox, tmp_path, monkeypatch, caplog, quiet_features
    ) -> None:
        settings = settings_for(sandbox, f"sqlite:///{tmp_path / 'bot.sqlite3'}")
        monkeypatch.setattr(planner, "PLANNERS", [lambda ctx: time.sleep(2.5)])
        worker = Worker(build_context(settings), 0.2, holder="w")
        threading.Timer(3.5, worker.stop).start()
        with caplog.at_level(logging.INFO):
            assert worker.run(install_signals=False) == 0
        text = caplog.text
        assert "maximum number of running instances" not in text
        assert text.count("is still running; skipping") <= 3


def test_long_rate_limit_is_not_counted_against_a_reply() -> None:
    err = RateLimited(429, "http://x", "slow down", retry_after=320)
    err.retryable = False
    assert poll_job._fatal(err)


class TestDryRunOnSqlite:
    def test_a_dry_run_does_not_hold_the_write_lock(self, sandbox, tmp_path) -> None:
        url = f"sqlite:///{tmp_path / 'bot.sqlite3'}"
        ctx = build_context(settings_for(sandbox, url), dry_run=True)
        try:
            with ctx.store.transaction() as conn:  # the dry run writes (rolled back later)
                conn.execute(tokens.insert().values(name="dry", access_token="x",
                                                    updated_at=NOW))
            ctx.client.my_profile()
            # Meanwhile the worker renews its lease on the real database, and does not wait.
            engine = make_engine(url, connect_args={"timeout": 1})
            try:
                began = time.monotonic()
                assert Lease(Store(engine), "worker", timedelta(seconds=60)).acquire(NOW)
                assert time.monotonic() - began < 1
            finally:
                engine.dispose()
        finally:
            ctx.close()
        store = _store(url)
        with store.transaction() as conn:
            assert conn.execute(select(tokens).where(tokens.c.name == "dry")).first() is None
        store.engine.dispose()

    def test_database_is_locked_is_named_in_the_log(
        self, sandbox, tmp_path, monkeypatch, caplog, quiet_features
    ) -> None:
        from sqlalchemy.exc import OperationalError

        settings = settings_for(sandbox, f"sqlite:///{tmp_path / 'bot.sqlite3'}")

        def locked(ctx) -> None:
            raise OperationalError("INSERT", {}, Exception("database is locked"))

        monkeypatch.setattr(planner, "PLANNERS", [locked])
        worker = Worker(build_context(settings), 30, holder="w")
        try:
            with caplog.at_level(logging.INFO):
                worker.step("planner")
            assert "the database is locked by another process" in caplog.text
            assert not any(r.exc_info for r in caplog.records)
        finally:
            worker.ctx.close()


@pytest.mark.long
@pytest.mark.postgres
def test_a_killed_worker_is_replaced_within_about_a_lease(sandbox, postgres_schema_url) -> None:
    """Two real worker processes on PostgreSQL: kill -9 the active one, the standby acts."""
    import signal

    from tests.frame.test_worker import _start, _wait_for

    sandbox.add_project("Women's Digital Leaders Network")
    env = sandbox_env(sandbox, postgres_schema_url, LOTI_LEASE_SECONDS="6")
    first, first_lines = _start(env)
    second = None
    seen_a: list[str] = []
    seen_b: list[str] = []
    try:
        _wait_for(first_lines, "worker: lease taken", seen_a)
        second, second_lines = _start(env)
        _wait_for(second_lines, "worker: standing by", seen_b)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        killed = time.monotonic()
        _wait_for(second_lines, "worker: lease taken", seen_b, timeout=20)
        took = time.monotonic() - killed
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=10) == 0
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.kill()
    assert took < 6 + 3, f"took {took:.1f}s"  # the lease, plus one poll interval and slack
