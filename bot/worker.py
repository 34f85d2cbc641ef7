"""The long-running worker: a lease so only one dyno acts, and the APScheduler loop.

On SIGTERM (how a PaaS stops a dyno) the scheduler stops taking new jobs, the job in hand
finishes its current step (a poll stops between replies), the lease is released and the
process exits 0.

The lease is short (75 s) and renewed by a heartbeat thread while a step runs, so a worker
killed with -9 is replaced within about a minute, and a slow step never lets a standby in.
A step never sleeps through a Retry-After longer than a third of the lease: the request
gives up, the step ends and the next cycle carries on. A worker that lost its lease writes
nothing more (the outbox asks `may_write`).

When Basecamp refuses the bot (token expired and not refreshable, removed from a project)
the worker logs one line saying what to do and backs off, doubling the wait up to
MAX_BACKOFF; when access is back it says so once and acts every cycle again.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.events import EVENT_JOB_EXECUTED, EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import delete, or_, select
from sqlalchemy.exc import OperationalError

from bot.basecamp.errors import AuthError, Forbidden, RateLimited
from bot.jobs import planner
from bot.jobs import poll as poll_job
from bot.jobs.context import JobContext
from bot.outbox import AccessLost
from bot.store.db import Store, upsert
from bot.store.tables import worker_lease

log = logging.getLogger(__name__)

LEASE_NAME = "worker"
SIGNAL_CHECK_SECONDS = 0.2  # how soon the main thread acts on SIGTERM/SIGINT
SHUTDOWN_GRACE_SECONDS = 8.0  # PaaS platforms send SIGKILL about 10 s after SIGTERM
# Short, because a heartbeat renews it while a step runs: a killed worker is replaced within
# about this long.
LEASE_SECONDS = 75.0
MAX_BACKOFF = timedelta(minutes=15)
AUTH_HELP = ("run `loti-bot auth` (or set BASECAMP_ACCESS_TOKEN, with BASECAMP_REFRESH_TOKEN, "
             "BASECAMP_CLIENT_ID and BASECAMP_CLIENT_SECRET so it can be refreshed) and restart "
             "the worker")
# APScheduler says this every interval while a step overruns; the worker says it once.
_SKIP_NOISE = ("maximum number of running instances", "was missed by")


class _SchedulerNoise(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(text in message for text in _SKIP_NOISE)


def _quiet_scheduler_logs() -> None:
    for name in ("apscheduler.scheduler", "apscheduler.executors.default"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _SchedulerNoise) for f in logger.filters):
            logger.addFilter(_SchedulerNoise())


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


def _access_refused(err: BaseException) -> bool:
    if isinstance(err, AccessLost):
        return err.status is not None  # None: this worker lost its lease (not Basecamp)
    return isinstance(err, AuthError | Forbidden)


def _short(err: BaseException) -> str:
    status = getattr(err, "status", None) or getattr(err, "http_status", None)
    return f"{type(err).__name__}{f' {status}' if status else ''}"


class Worker:
    """Runs the poll and planner jobs on a schedule while it holds the lease."""

    def __init__(
        self,
        ctx: JobContext,
        poll_seconds: float,
        lease_ttl: timedelta | None = None,
        clock: Callable[[], datetime] | None = None,
        holder: str | None = None,
        heartbeat_seconds: float | None = None,
    ):
        self.ctx = ctx
        self.poll_seconds = poll_seconds
        self.clock = clock or (lambda: datetime.now(UTC))
        # A crashed holder is replaced after at most this long; the heartbeat keeps it while
        # a slow step (a project construction, rate-limit waits) runs.
        ttl = lease_ttl or timedelta(seconds=LEASE_SECONDS)
        self.lease = Lease(ctx.store, holder or holder_id(), ttl)
        self.heartbeat_seconds = heartbeat_seconds or ttl.total_seconds() / 4
        self._lease_lost = threading.Event()
        ctx.outbox.may_write = lambda: not self._lease_lost.is_set()
        self._bound_retry_after(ttl)
        self._blocked_until: datetime | None = None
        self._backoff: timedelta | None = None
        self._overrun: set[str] = set()
        self.stop_event = threading.Event()
        self._busy = threading.Lock()
        self._active: bool | None = None  # last lease state, so changes are logged once
        self._signalled: int | None = None  # set by the signal handler, read by run()
        self.cycles = 0
        self.scheduler = BackgroundScheduler(
            timezone=UTC,
            executors={"default": ThreadPoolExecutor(1)},  # jobs one at a time, never overlapping
            job_defaults={"coalesce": True, "max_instances": 1,
                          "misfire_grace_time": max(int(poll_seconds), 1)},
        )
        self.ctx.stopping = self.stop_event.is_set
        events = EVENT_JOB_MAX_INSTANCES | EVENT_JOB_MISSED | EVENT_JOB_EXECUTED
        self.scheduler.add_listener(self._on_scheduler_event, events)
        _quiet_scheduler_logs()

    def _bound_retry_after(self, ttl: timedelta) -> None:
        # Never sleep through a Retry-After the lease would not outlast: give up the request,
        # end the step, carry on next cycle (the write stays pending).
        transport = getattr(self.ctx.client, "http", None)
        if transport is not None:
            bound = ttl.total_seconds() / 3
            transport.max_retry_after = min(transport.max_retry_after, bound)

    def _on_scheduler_event(self, event: Any) -> None:
        job = getattr(event, "job_id", "?")
        if event.code == EVENT_JOB_EXECUTED:
            self._overrun.discard(job)
        elif job not in self._overrun:
            self._overrun.add(job)
            log.info("worker: the %s step is still running; skipping its next runs until it "
                     "ends", job)

    # ---- one step -------------------------------------------------------------------------

    def step(self, job: str) -> bool:
        """Run one job ("poll" or "planner") if this worker holds the lease; True if it ran."""
        if self.stop_event.is_set():
            return False
        with self._busy:
            now = self.clock()
            if not self._holds_lease(now):
                return False
            if self._blocked_until is not None and now < self._blocked_until:
                return False  # backing off; said so once already
            ctx = self.ctx.at(now)
            self._lease_lost.clear()
            done = threading.Event()
            beat = threading.Thread(target=self._heartbeat, args=(done,), daemon=True)
            beat.start()
            try:
                if job == "poll":
                    _recorded(ctx, "poll", lambda: poll_job.poll(ctx))
                else:
                    _recorded(ctx, "planner", lambda: planner.run(ctx))
            except Exception as err:
                self._failed(job, err, now)
            else:
                self._recovered()
            finally:
                done.set()
                beat.join()
            self.cycles += 1
            self._holds_lease(self.clock())  # renew: the next step may come a while later
            return True

    def _heartbeat(self, done: threading.Event) -> None:
        """Renew the lease while a step runs; if another worker has it, stop our writes."""
        while not done.wait(self.heartbeat_seconds):
            try:
                held = self.lease.acquire(self.clock())
            except Exception as err:  # the database blinked: try again next beat
                log.warning("worker: could not renew the lease (%s)", type(err).__name__)
                continue
            if not held:
                self._lease_lost.set()
                log.warning("worker: lost the lease during a step; writing nothing more")
                return

    def _failed(self, job: str, err: Exception, now: datetime) -> None:
        """Log a failed step once, clearly; back off when Basecamp refuses the bot."""
        if _access_refused(err):
            first = self._backoff is None
            self._backoff = (timedelta(seconds=max(self.poll_seconds, 1)) if first
                             else min(self._backoff * 2, MAX_BACKOFF))
            self._blocked_until = now + self._backoff
            if first:
                if isinstance(err, AuthError) or getattr(err, "status", None) == 401:
                    log.warning("worker: Basecamp no longer accepts the bot's access token and "
                                "it cannot be refreshed: %s. Nothing is lost; backing off "
                                "(next try in %ds, then less often)", AUTH_HELP,
                                self._backoff.total_seconds())
                else:
                    log.warning("worker: Basecamp refused the bot (%s): check the bot is still "
                                "on the network's projects. Nothing is lost; backing off (next "
                                "try in %ds, then less often)", _short(err),
                                self._backoff.total_seconds())
            return
        if isinstance(err, RateLimited):
            wait = err.retry_after or self.poll_seconds
            self._blocked_until = now + timedelta(seconds=wait)
            log.warning("worker: Basecamp asked the bot to wait %ds; ending this %s step, "
                        "will carry on next cycle", wait, job)
            return
        if isinstance(err, OperationalError) and "database is locked" in str(err):
            log.warning("worker: %s step skipped: the database is locked by another process "
                        "(a `tick --dry-run` or a second worker on SQLite?); trying again in "
                        "%ss", job, self.poll_seconds)
            return
        # A cycle that fails is logged and tried again next time; the worker lives on.
        log.error("worker: %s cycle failed; will try again in %ss", job, self.poll_seconds,
                  exc_info=err)

    def _recovered(self) -> None:
        if self._backoff is not None:
            log.info("worker: access to Basecamp is back; acting every cycle again")
        self._backoff = None
        self._blocked_until = None

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
        # The scheduler runs on its own thread; the main thread, where signals land, only
        # watches two flags. A signal may arrive while the main thread holds any lock, so the
        # handler sets a plain attribute and nothing else.
        if not self.stop_event.is_set():
            self.scheduler.start()
        while not self.stop_event.is_set() and self._signalled is None:
            time.sleep(SIGNAL_CHECK_SECONDS)
        signalled = self._signalled
        self.stop(f"received {signal.Signals(signalled).name}" if signalled is not None
                  else "stop requested")
        return self._finish()

    def stop(self, reason: str = "stop requested") -> None:
        """Stop taking new jobs; the one in hand finishes its current step."""
        if not self.stop_event.is_set():
            log.info("worker: %s; finishing the current step", reason)
        self.stop_event.set()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    def _on_signal(self, signum: int, _frame: Any) -> None:
        self._signalled = signum

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
