"""`loti-bot status`: what is coming, what is open, what waits, and anything failing."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert

from bot.jobs import planner
from bot.jobs import poll as poll_job
from tests.staff.staff_support import StaffDesk, make_desk
from tests.staff.test_commands import KEY, _open_thread
from tests.support.world import sandbox_env

AT = datetime(2026, 12, 20, 9, 0, tzinfo=UTC)


def _board(project: dict) -> int:
    return next(d["id"] for d in project["dock"] if d["name"] == "message_board")


@pytest.fixture
def running(sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> StaffDesk:
    """A bot that has ticked once: one planner posted, one failed, the poll ran."""
    desk = make_desk(tmp_path)
    desk.env.update(sandbox_env(sandbox, desk.env["DATABASE_URL"],
                                LOTI_CONFIG_DIR=desk.env["LOTI_CONFIG_DIR"],
                                LOTI_TEMPLATES_DIR=desk.env["LOTI_TEMPLATES_DIR"]))
    board = _board(sandbox.add_project("Women's Digital Leaders Network"))

    def hello(ctx) -> None:
        ctx.outbox.create_message("test:hello", board, "Hello, network", "<div>Hello!</div>")

    def broken(ctx) -> None:
        raise RuntimeError("a planner that fails")

    planner.load_features()
    poll_job.load_handlers()
    monkeypatch.setattr(planner, "PLANNERS", [hello, broken])
    tick = desk.run("tick", "--now", "2026-12-20T09:00")
    assert tick.exit_code == 1, tick.output  # one planner failed
    _open_thread(desk.env["DATABASE_URL"])
    return desk


def _insert(db_url: str, table, **values) -> None:
    from bot.store.db import make_engine, migrate

    engine = make_engine(db_url)
    migrate(engine)
    with engine.begin() as conn:
        conn.execute(insert(table).values(**values))
    engine.dispose()


def section(output: str, title: str) -> str:
    """The lines under `title` up to the next blank line."""
    start = output.index(title)
    return output[start:].split("\n\n", 1)[0]


def test_status_shows_each_section(running: StaffDesk) -> None:
    result = running.run("status", "--now", "2026-12-20T09:05")
    assert result.exit_code == 0, result.output
    upcoming = section(result.output, "Upcoming posts")
    # The shipped config: January's lunch and learn is announced on 22 December.
    assert "Tue 22 Dec" in upcoming and "event:lunch-and-learn:2027-01-12" in upcoming
    assert "announcement" in upcoming
    # Keys line up whatever the kind's length ("attendance_call" is the longest today).
    rows = [line[18:] for line in upcoming.splitlines()[1:] if line.strip()]  # after the date
    assert any(" attendance_call " in row for row in rows), upcoming
    assert len({re.search(r"\s(\S+:\S+)", row).start(1) for row in rows}) == 1, upcoming
    threads = section(result.output, "Open sign-up threads")
    assert KEY in threads and "0 of 2 places taken" in threads
    assert "none" in section(result.output, "Replies waiting for an answer")
    mentoring = section(result.output, "Mentoring")
    assert "spring-2027" in mentoring and "call on Mon 1 Feb" in mentoring
    poll = section(result.output, "Last poll")
    assert "Sun 20 Dec 09:00" in poll and "requests" in poll
    failing = section(result.output, "Failing")
    assert "1 planner failed" in failing


def test_status_lists_failed_and_stuck_writes_and_replies(running: StaffDesk) -> None:
    from bot.store.outbox_tables import outbox
    from bot.store.threads_tables import reply_failures

    url = running.env["DATABASE_URL"]
    old = AT - timedelta(hours=2)
    _insert(url, outbox, key="event:x:2027-01-12:reminder", kind="comment", status="failed",
            attempts=1, error="422 Unprocessable", created_at=old, updated_at=old)
    _insert(url, outbox, key="event:x:2027-01-12:announcement", kind="message",
            status="pending", attempts=1, created_at=old, updated_at=old)
    _insert(url, reply_failures, comment_id=777, updated_at=old, attempts=3,
            error="ValueError")
    failing = section(running.run("status", "--now", "2026-12-20T09:05").output, "Failing")
    assert "event:x:2027-01-12:reminder" in failing and "422" in failing
    assert "event:x:2027-01-12:announcement" in failing and "pending" in failing
    assert "777" in failing and "3 attempts" in failing


def test_status_on_an_empty_database_says_nothing_is_failing(tmp_path: Path) -> None:
    desk = make_desk(tmp_path)
    result = desk.run("status", "--now", "2026-12-20T09:05")
    assert result.exit_code == 0, result.output
    assert "no poll yet" in section(result.output, "Last poll")
    assert "nothing" in section(result.output, "Failing")


def test_replies_awaiting_an_answer_come_from_the_asking_part(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    seen = []

    def awaiting_answers(ctx):
        seen.append(ctx)
        return [types.SimpleNamespace(
            name="Ada Okafor", thread_key="event:lunch-and-learn:2027-01-12",
            asked_at=AT, link="https://3.basecamp.com/1/buckets/2/messages/3#__recording_4")]

    module = types.ModuleType("bot.jobs.asking")
    module.awaiting_answers = awaiting_answers  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bot.jobs.asking", module)
    desk = make_desk(tmp_path)
    result = desk.run("status", "--now", "2026-12-20T09:05")
    assert result.exit_code == 0, result.output
    waiting = section(result.output, "Replies waiting for an answer")
    assert "Ada Okafor on event:lunch-and-learn:2027-01-12: asked Sun 20 Dec 09:00" in waiting
    assert "#__recording_4" in waiting
    assert seen and seen[0].store is not None and seen[0].config.events
