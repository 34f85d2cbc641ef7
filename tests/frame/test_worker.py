"""The worker frame against a real sandbox and database: tick, dry runs, the lease, SIGTERM."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from bot.cli import cli
from bot.jobs import planner
from bot.jobs import poll as poll_job
from bot.jobs.context import build_context
from bot.settings import load_settings
from bot.store.db import Store, make_engine, migrate
from bot.store.tables import metadata
from bot.worker import Lease, Worker
from tests.frame.frame_support import REPO, sandbox_env

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def board_id(project: dict) -> int:
    return next(d["id"] for d in project["dock"] if d["name"] == "message_board")


def row_counts(db_url: str) -> dict[str, int]:
    engine = make_engine(db_url)
    with engine.connect() as conn:
        counts = {
            name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in metadata.tables.items()
        }
    engine.dispose()
    return counts


def posts(sandbox) -> list:
    return [
        r
        for r in sandbox.request_log
        if r.method in ("POST", "PUT", "DELETE") and "/launchpad" not in r.path
    ]


@pytest.fixture
def hello_planner(monkeypatch: pytest.MonkeyPatch, sandbox):
    """Only a test planner that posts one message through the outbox; records each ctx.now."""
    board = board_id(sandbox.add_project("Women's Digital Leaders Network"))
    seen: list[datetime] = []

    def plan(ctx) -> None:
        seen.append(ctx.now)
        ctx.outbox.create_message("test:hello", board, "Hello, network", "<div>Hello!</div>")

    planner.load_features()  # import the features first, so none registers into our list
    poll_job.load_handlers()
    monkeypatch.setattr(planner, "PLANNERS", [plan])
    return seen


class TestTick:
    def test_dry_run_prints_plan_and_records_nothing(
        self, bot_env, hello_planner, sandbox, db_url: str
    ) -> None:
        bot_env()
        result = CliRunner().invoke(cli, ["tick", "--dry-run", "--now", "2026-12-01T09:00"])
        assert result.exit_code == 0, result.output
        assert "would post" in result.output and "test:hello" in result.output
        assert "nothing was posted or recorded" in result.output
        assert hello_planner == [NOW]  # a time without a zone is London time (GMT in December)
        assert posts(sandbox) == []
        assert set(row_counts(db_url).values()) == {0}

    def test_tick_posts_once_and_a_second_tick_does_not_repeat(
        self, bot_env, hello_planner, sandbox, db_url: str
    ) -> None:
        bot_env()
        first = CliRunner().invoke(cli, ["tick"])
        assert first.exit_code == 0, first.output
        second = CliRunner().invoke(cli, ["tick"])
        assert second.exit_code == 0, second.output
        assert len(hello_planner) == 2
        assert [(r.method, r.status) for r in posts(sandbox)] == [("POST", 201)]
        counts = row_counts(db_url)
        assert counts["outbox"] == 1
        assert counts["worker_lease"] == 0  # released when the tick ended

    def test_tick_refuses_while_a_worker_holds_the_lease(
        self, bot_env, hello_planner, sandbox, db_url: str
    ) -> None:
        bot_env()
        engine = make_engine(db_url)
        migrate(engine)
        Lease(Store(engine), "web.1:42:abc", timedelta(minutes=5)).acquire(datetime.now(UTC))
        result = CliRunner().invoke(cli, ["tick"])
        engine.dispose()
        assert result.exit_code == 1
        assert "web.1:42:abc is running on this database" in result.output
        assert hello_planner == [] and posts(sandbox) == []

    def test_bad_now_is_a_usage_error(self, sqlite_bot_env, hello_planner) -> None:
        sqlite_bot_env()
        result = CliRunner().invoke(cli, ["tick", "--now", "next tuesday"])
        assert result.exit_code == 2
        assert "not an ISO-8601 date and time" in result.output


class TestCommands:
    def test_missing_setting_is_named_and_secrets_stay_hidden(self, sqlite_bot_env) -> None:
        env = sqlite_bot_env()
        os.environ.pop("BASECAMP_ACCOUNT_ID")
        result = CliRunner().invoke(cli, ["tick"])
        assert result.exit_code == 2
        assert "BASECAMP_ACCOUNT_ID: is required but not set" in result.output
        assert env["BASECAMP_ACCESS_TOKEN"] not in result.output

    def test_bad_config_is_reported_with_file_and_line(self, sqlite_bot_env, tmp_path) -> None:
        (tmp_path / "network.yaml").write_text("name: X\nproject: {name: P}\nstaff: []\n")
        sqlite_bot_env(LOTI_CONFIG_DIR=str(tmp_path))
        result = CliRunner().invoke(cli, ["tick"])
        assert result.exit_code == 2
        assert f"config error: {tmp_path / 'network.yaml'}:3: staff:" in result.output

    def test_migrate_creates_the_schema(self, bot_env, db_url: str) -> None:  # both databases
        bot_env()
        result = CliRunner().invoke(cli, ["migrate"])
        assert result.exit_code == 0, result.output
        assert set(row_counts(db_url)) == set(metadata.tables)

    def test_check_reports_config_errors(self, sqlite_bot_env, tmp_path) -> None:
        (tmp_path / "network.yaml").write_text("name: X\nproject: {name: P, idd: 3}\n")
        sqlite_bot_env(LOTI_CONFIG_DIR=str(tmp_path))
        result = CliRunner().invoke(cli, ["check"])
        assert result.exit_code == 2
        assert "network.yaml:2: project.idd: unknown key" in result.output


    def test_check_passes_on_the_shipped_files(self, sqlite_bot_env) -> None:
        sqlite_bot_env()
        result = CliRunner().invoke(cli, ["check"])
        assert result.exit_code == 0, result.output
        assert result.output.startswith("ok: settings, config (network.yaml")

    def test_check_reports_a_broken_template_with_its_file(self, sqlite_bot_env, tmp_path) -> None:
        import shutil

        templates = tmp_path / "templates"
        shutil.copytree(REPO / "templates", templates)
        (templates / "_macros.html.j2").write_text(
            (REPO / "templates" / "_macros.html.j2").read_text() + "\n{% if %}\n"
        )
        sqlite_bot_env(LOTI_TEMPLATES_DIR=str(templates))
        result = CliRunner().invoke(cli, ["check"])
        assert result.exit_code == 2
        assert "template error:" in result.output and "_macros.html.j2:" in result.output


class TestLease:
    def test_second_holder_waits_for_release_or_expiry(self, store: Store) -> None:
        a = Lease(store, "a", timedelta(seconds=30))
        b = Lease(store, "b", timedelta(seconds=30))
        assert a.acquire(NOW)
        assert not b.acquire(NOW + timedelta(seconds=10))
        assert a.acquire(NOW + timedelta(seconds=20))  # renewed until +50 s
        assert not b.acquire(NOW + timedelta(seconds=45))
        assert b.acquire(NOW + timedelta(seconds=51))  # a stopped renewing: b takes over
        assert not a.acquire(NOW + timedelta(seconds=52))
        b.release()
        assert a.acquire(NOW + timedelta(seconds=53))
        assert a.current() == ("a", NOW + timedelta(seconds=83))

    def test_racing_workers_never_both_win(self, db_url: str) -> None:
        engines = [make_engine(db_url) for _ in range(4)]
        migrate(engines[0])
        try:
            for round_ in range(8):
                barrier = threading.Barrier(len(engines))
                wins: list[bool] = []

                def race(
                    engine, i: int, name: str = f"race-{round_}", barrier=barrier, wins=wins
                ) -> None:
                    lease = Lease(Store(engine), f"w{i}", timedelta(minutes=1), name=name)
                    barrier.wait()
                    wins.append(lease.acquire(NOW))

                threads = [
                    threading.Thread(target=race, args=(e, i)) for i, e in enumerate(engines)
                ]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
                assert sorted(wins) == [False, False, False, True]
        finally:
            for engine in engines:
                engine.dispose()


@pytest.mark.postgres
class TestTwoWorkersOnPostgres:
    def test_only_the_lease_holder_acts(self, monkeypatch, sandbox, postgres_schema_url) -> None:
        """Two workers (own engines, own Basecamp clients) share one PostgreSQL database."""
        env = sandbox_env(sandbox, postgres_schema_url)
        settings = load_settings(env_file=None, **{k.lower(): v for k, v in env.items()})
        acted: list[str] = []
        monkeypatch.setattr(
            planner, "PLANNERS", [lambda ctx: acted.append(ctx.store.engine.url.username or "x")]
        )
        contexts = [build_context(settings), build_context(settings)]
        clock = {"now": NOW}
        a, b = (
            Worker(ctx, 1, timedelta(seconds=30), clock=lambda: clock["now"], holder=h)
            for ctx, h in zip(contexts, ("worker-a", "worker-b"), strict=True)
        )
        ran = []
        try:
            for _ in range(3):
                ran += [("a", a.step("planner")), ("b", b.step("planner"))]
                clock["now"] += timedelta(seconds=5)
            assert ran == [("a", True), ("b", False)] * 3
            assert len(acted) == 3
            clock["now"] += timedelta(seconds=31)  # a has died without releasing: b takes over
            assert b.step("planner") and not a.step("planner")
            b.lease.release()
            assert a.step("planner")
        finally:
            for ctx in contexts:
                ctx.close()


class TestShutdown:
    def test_sigterm_lets_the_step_in_hand_finish(self, monkeypatch, sandbox, tmp_path) -> None:
        env = sandbox_env(sandbox, f"sqlite:///{tmp_path / 'bot.sqlite3'}")
        settings = load_settings(env_file=None, **{k.lower(): v for k, v in env.items()})
        started, steps = threading.Event(), []

        def slow(ctx) -> None:
            steps.append("start")
            started.set()
            time.sleep(1.0)
            steps.append("end")

        monkeypatch.setattr(planner, "PLANNERS", [slow, lambda ctx: steps.append("next")])
        monkeypatch.setattr(planner, "load_features", lambda: [])
        worker = Worker(build_context(settings), poll_seconds=30)

        def terminate() -> None:
            started.wait(10)
            os.kill(os.getpid(), signal.SIGTERM)

        saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
        threading.Thread(target=terminate, daemon=True).start()
        try:
            began = time.monotonic()
            code = worker.run()
            elapsed = time.monotonic() - began
        finally:
            for sig, handler in saved.items():
                signal.signal(sig, handler)
        assert code == 0
        assert steps == ["start", "end"]  # finished its step; the next planner never started
        assert elapsed < 10
        assert row_counts(env["DATABASE_URL"])["worker_lease"] == 0

    @pytest.mark.timeout(30)
    def test_sigterm_while_a_job_is_being_handed_to_its_thread_still_stops(
        self, monkeypatch, sandbox, tmp_path
    ) -> None:
        # The signal can land anywhere in the main thread, e.g. while the scheduler starts a
        # job's thread; it must stop the worker all the same, not be swallowed there.
        from apscheduler.executors.pool import ThreadPoolExecutor

        env = sandbox_env(sandbox, f"sqlite:///{tmp_path / 'bot.sqlite3'}")
        settings = load_settings(env_file=None, **{k.lower(): v for k, v in env.items()})
        monkeypatch.setattr(planner, "load_features", lambda: [])
        submit = ThreadPoolExecutor._do_submit_job

        def signalled_submit(executor, job, run_times):
            os.kill(os.getpid(), signal.SIGTERM)  # delivered here, in the middle of handing over
            return submit(executor, job, run_times)

        monkeypatch.setattr(ThreadPoolExecutor, "_do_submit_job", signalled_submit)
        worker = Worker(build_context(settings), poll_seconds=30)
        saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
        try:
            began = time.monotonic()
            code = worker.run()
        finally:
            for sig, handler in saved.items():
                signal.signal(sig, handler)
        assert code == 0
        assert time.monotonic() - began < 10
        assert row_counts(env["DATABASE_URL"])["worker_lease"] == 0


def _start(env: dict[str, str]) -> tuple[subprocess.Popen, queue.Queue]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        cwd=REPO,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue = queue.Queue()

    def pump() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return proc, lines


def _wait_for(lines: queue.Queue, text: str, seen: list[str], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        if line is None:
            break
        seen.append(line)
        if text in line:
            return
    raise AssertionError(f"never saw {text!r}; output:\n{''.join(seen)}")


def _drain(lines: queue.Queue, seen: list[str]) -> str:
    while True:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            break
        if line is None:
            break
        seen.append(line)
    return "".join(seen)


class TestRunProcess:
    @pytest.mark.long
    def test_sigterm_exits_cleanly_within_ten_seconds(self, sandbox, tmp_path) -> None:
        sandbox.add_project("Women's Digital Leaders Network")  # what config/network.yaml names
        env = sandbox_env(sandbox, f"sqlite:///{tmp_path / 'bot.sqlite3'}")
        proc, lines = _start(env)
        seen: list[str] = []
        try:
            _wait_for(lines, "worker: lease taken", seen)
            time.sleep(1.5)  # let a few cycles run
            started = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            code = proc.wait(timeout=10)
            elapsed = time.monotonic() - started
        finally:
            if proc.poll() is None:
                proc.kill()
        out = _drain(lines, seen)
        assert code == 0, out
        assert elapsed < 10
        assert "received SIGTERM; finishing the current step" in out
        assert "worker: stopped cleanly after" in out.rstrip().splitlines()[-1]
        assert "cycle failed" not in out
        assert sandbox.token not in out
        assert row_counts(env["DATABASE_URL"])["worker_lease"] == 0

    @pytest.mark.long
    @pytest.mark.postgres
    def test_second_process_stands_by_then_takes_over(self, sandbox, postgres_schema_url) -> None:
        env = sandbox_env(sandbox, postgres_schema_url)
        first, first_lines = _start(env)
        second = None
        seen_a: list[str] = []
        seen_b: list[str] = []
        try:
            _wait_for(first_lines, "worker: lease taken", seen_a)
            second, second_lines = _start(env)
            _wait_for(second_lines, "worker: standing by", seen_b)
            first.send_signal(signal.SIGTERM)
            assert first.wait(timeout=10) == 0
            _wait_for(second_lines, "worker: lease taken", seen_b)  # released at shutdown
            second.send_signal(signal.SIGTERM)
            assert second.wait(timeout=10) == 0
        finally:
            for proc in (first, second):
                if proc is not None and proc.poll() is None:
                    proc.kill()
        assert "lease taken" not in "".join(
            seen_b[: next(i for i, line in enumerate(seen_b) if "standing by" in line)]
        )
