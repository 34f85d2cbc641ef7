"""The long-running worker: a lease so only one dyno acts, and the APScheduler loop.

On SIGTERM (how a PaaS stops a dyno) the scheduler stops taking new jobs, the job in hand
finishes its current step, the lease is released and the process exits 0.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy import delete, or_, select

from bot.jobs import planner
from bot.jobs import poll as poll_job
from bot.jobs.context import JobContext
from bot.store.db import Store, upsert
from bot.store.tables import worker_lease

log = logging.getLogger(__name__)

LEASE_NAME = "worker"
SHUTDOWN_GRACE_SECONDS = 8.0  # PaaS platforms send SIGKILL about 10 s after SIGTERM


def holder_id() -> str:
    """Who this process is, for the lease row (dyno name or host, pid, a random tail)."""
    where = os.environ.get("DYNO") or socket.gethostname()
    return f"{where}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def run_once(ctx: JobContext) -> int:
    """One planner pass then one poll (what `loti-bot tick` does); return planner failures."""
    planner.load_features()
    poll_job.load_handlers()
    failures = _recorded(ctx, "planner", lambda: planner.run(ctx))
    _recorded(ctx, "poll", lambda: poll_job.poll(ctx))
    return failures


def _recorded(ctx: JobContext, name: str, cycle: Callable[[], Any]) -> Any:
    """Run one cycle and keep when it ran and what it cost, for `loti-bot status`."""
    before = getattr(ctx.client, "request_count", 0)
    result = cycle()
    if not ctx.dry_run:
        from bot.store.status_tables import record_cycle

        failures = result if isinstance(result, int) else 0
        used = getattr(ctx.client, "request_count", 0) - before
        record_cycle(ctx.store, name, ctx.now, used, failures)
    return result


class Lease:
    """A row-level lease: taken atomically when free or expired, renewed by its holder."""

    def __init__(self, store: Store, holder: str, ttl: timedelta, name: str = LEASE_NAME):
        self.store = store
        self.holder = holder
        self.ttl = ttl
        self.name = name

    def acquire(self, now: datetime) -> bool:
        """Take or renew the lease; True if this holder has it until now + ttl."""
        c = worker_lease.c
        values = {"name": self.name, "holder": self.holder, "expires_at": now + self.ttl}
        # One statement: insert if absent, else update only if expired or already ours.
        with self.store.transaction() as conn:
            upsert(conn, worker_lease, values, ["name"],
                   where=or_(c.expires_at < now, c.holder == self.holder))
            holder = conn.execute(select(c.holder).where(c.name == self.name)).scalar_one()
        return holder == self.holder

    def current(self) -> tuple[str, datetime] | None:
        """(holder, expires_at) of the lease, if anyone has taken it."""
        c = worker_lease.c
        with self.store.transaction() as conn:
            row = conn.execute(select(c.holder, c.expires_at).where(c.name == self.name)).first()
        return (row.holder, row.expires_at) if row else None

    def release(self) -> None:
        """Give the lease up so a replacement dyno can start at once."""
        c = worker_lease.c
        with self.store.transaction() as conn:
            conn.execute(delete(worker_lease).where(c.name == self.name, c.holder == self.holder))


class _Shutdown(BaseException):
    """Raised by the signal handler to unwind the scheduler's main loop."""


class Worker:
    """Runs the poll and planner jobs on a schedule while it holds the lease."""

    def __init__(
        self,
        ctx: JobContext,
        poll_seconds: float,
        lease_ttl: timedelta | None = None,
        clock: Callable[[], datetime] | None = None,
        holder: str | None = None,
    ):
        self.ctx = ctx
        self.poll_seconds = poll_seconds
        self.clock = clock or (lambda: datetime.now(UTC))
        # Long enough that a slow step (a project construction, rate-limit waits) keeps it;
        # a crashed holder is replaced after at most this long.
        ttl = lease_ttl or timedelta(seconds=max(5 * poll_seconds, 300))
        self.lease = Lease(ctx.store, holder or holder_id(), ttl)
        self.stop_event = threading.Event()
        self._busy = threading.Lock()
        self._active: bool | None = None  # last lease state, so changes are logged once
        self._in_loop = False
        self.cycles = 0
        self.scheduler = BlockingScheduler(
            timezone=UTC,
            executors={"default": ThreadPoolExecutor(1)},  # jobs one at a time, never overlapping
            job_defaults={"coalesce": True, "max_instances": 1,
                          "misfire_grace_time": max(int(poll_seconds), 1)},
        )
        self.ctx.stopping = self.stop_event.is_set

    # ---- one step -------------------------------------------------------------------------

    def step(self, job: str) -> bool:
        """Run one job ("poll" or "planner") if this worker holds the lease; True if it ran."""
        if self.stop_event.is_set():
            return False
        with self._busy:
            now = self.clock()
            if not self._holds_lease(now):
                return False
            ctx = self.ctx.at(now)
            try:
                if job == "poll":
                    _recorded(ctx, "poll", lambda: poll_job.poll(ctx))
                else:
                    _recorded(ctx, "planner", lambda: planner.run(ctx))
            except Exception:
                # A cycle that fails is logged and tried again next time; the worker lives on.
                log.exception("worker: %s cycle failed; will try again in %ss", job,
                              self.poll_seconds)
            self.cycles += 1
            self._holds_lease(self.clock())  # renew: the next step may come a while later
            return True

    def _holds_lease(self, now: datetime) -> bool:
        try:
            active = self.lease.acquire(now)
        except Exception:
            log.exception("worker: could not check the lease; skipping this cycle")
            return False
        if active != self._active:
            if active:
                log.info("worker: lease taken by %s; acting", self.lease.holder)
            else:
                current = self.lease.current()
                other = current[0] if current else "another worker"
                log.info("worker: standing by; %s holds the lease", other)
            self._active = active
        return active

    # ---- the loop -------------------------------------------------------------------------

    def run(self, install_signals: bool = True) -> int:
        """Run until SIGTERM/SIGINT; return the exit code."""
        planner.load_features()
        poll_job.load_handlers()
        if install_signals:
            signal.signal(signal.SIGTERM, self._on_signal)
            signal.signal(signal.SIGINT, self._on_signal)
        first = datetime.now(UTC)
        for job in ("poll", "planner"):
            self.scheduler.add_job(self.step, "interval", args=[job], id=job,
                                   seconds=self.poll_seconds, next_run_time=first)
        log.info("worker: started (%s); polling every %ss", self.lease.holder, self.poll_seconds)
        self._in_loop = True
        try:
            if not self.stop_event.is_set():
                self.scheduler.start()  # blocks until shutdown (or a signal unwinds it)
        except _Shutdown:
            pass
        finally:
            self._in_loop = False
        self.stop()
        return self._finish()

    def stop(self, reason: str = "stop requested") -> None:
        """Stop taking new jobs; the one in hand finishes its current step."""
        if not self.stop_event.is_set():
            log.info("worker: %s; finishing the current step", reason)
        self.stop_event.set()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def _on_signal(self, signum: int, _frame: Any) -> None:
        # Only flag here: shutting the scheduler down inside a signal handler could wait on a
        # lock the interrupted main thread holds. Unwinding the main loop releases them all.
        if not self.stop_event.is_set():
            log.info("worker: received %s; finishing the current step",
                     signal.Signals(signum).name)
        self.stop_event.set()
        if self._in_loop:
            raise _Shutdown


    def _finish(self) -> int:
        finished = self._busy.acquire(timeout=SHUTDOWN_GRACE_SECONDS)
        if not finished:
            log.warning("worker: a step is still running after %ss; exiting anyway",
                        SHUTDOWN_GRACE_SECONDS)
        try:
            self.lease.release()
        except Exception:
            log.exception("worker: could not release the lease (it will expire)")
        if finished:
            self._busy.release()
        self.ctx.close()
        if finished:
            log.info("worker: stopped cleanly after %d cycles", self.cycles)
        return 0 if finished else 1
