"""A chaos season: sign-up announcements, members replying, editing and withdrawing, a cohort
set-up (two cohorts: template and plain project; access, welcome, reflection entries, check-in)
and a mentoring round (call, replies with an edit and a withdrawal, matching, staff approval,
introductions; tests/chaos/programmes.py), and the bot's worker cycles, with faults injected
into the sandbox and the worker itself.

The same season (same seed) is run twice, with and without faults; it passes when the faulty
run has no duplicate write, no lost or wrong sign-up, and ends in the clean run's state.

Faults (each drawn from a seeded `random.Random`, so a failure reproduces by its seed):
- 5xx on a share of requests (GETs are retried; writes become "outcome unknown");
- 429 bursts, some with a Retry-After far longer than the worker's lease (the cycle ends);
- writes whose answer is lost after they committed (drop-after-commit);
- writes that commit late, after their answer was lost;
- the access token expiring, with refresh credentials (refreshed) and without (refused,
  restored some cycles later);
- the bot losing access to the network project for a few cycles (404s);
- the worker killed at a random request, before or after a write committed; the next cycle
  runs on the other of two workers (own engine and client, same database), as after a
  kill -9 and a take-over.
"""

from __future__ import annotations

import logging
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import requests

from bot.basecamp.client import BasecampClient
from bot.basecamp.pacing import NoPacing
from bot.config import load_config
from bot.config.signups import SignupRules
from bot.jobs import cohorts, mentoring, poll
from bot.jobs.context import JobContext
from bot.jobs.signups import PLACES_MARKER, open_signup_thread, refresh_signup_threads, signup_rows
from bot.outbox import Outbox
from bot.render import Renderer
from bot.store.db import Store, make_engine, migrate
from bot.threads import ThreadReader
from tests.chaos.programmes import (
    Programmes,
    cohorts_yaml,
    match_time,
    mentoring_actions,
    mentoring_yaml,
)
from tests.signups.signups_world import NETWORK_YAML, USER_AGENT

REPO = Path(__file__).resolve().parents[2]
START = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
CYCLE = timedelta(minutes=1)  # worker cycles are a minute apart (sandbox and wall time)
# A write that lost its answer commits this long after it was sent: within the outbox's 90 s
# grace (Basecamp does not sit on a write for longer), but after the bot's next look when the
# next cycle comes under 85 s later, so "not found yet, wait" is exercised too.
LATE_LANDING = timedelta(seconds=85)
JOIN = ("Count me in please", "Yes please, I'd love a place", "I'd like to come 🙂",
        "Please sign me up")
WITHDRAW = "Sorry, I can no longer make it. Please give my place to someone else."
DOMAINS = ("camden.gov.uk", "hackney.gov.uk", "brent.gov.uk", "example.org")
log = logging.getLogger("tests.chaos")


class Killed(BaseException):
    """The worker process died here (kill -9): nothing after this point runs."""


@dataclass
class Plan:
    """What happens in the season, drawn once from the seed (the same with and without faults)."""

    events: int
    people: int
    cycles: int
    # cycle -> list of ("reply", person, event, text) / ("edit", reply_no) / ("trash", reply_no)
    actions: dict[int, list[tuple]] = field(default_factory=dict)
    replies: int = 0


def make_plan(seed: int, replies: int, cycles: int, events: int = 3, people: int = 60) -> Plan:
    rng = random.Random(seed)
    plan = Plan(events, people, cycles)
    active = max(1, cycles * 2 // 3)  # members act in the first two thirds; then it settles
    made: list[int] = []
    replied: set[tuple[int, int]] = set()
    edited: set[int] = set()
    while plan.replies < replies:
        cycle = rng.randrange(active)
        person, event = rng.randrange(people), rng.randrange(events)
        if (person, event) in replied:
            continue
        replied.add((person, event))
        plan.actions.setdefault(cycle, []).append(("reply", person, event, rng.choice(JOIN)))
        made.append(plan.replies)
        plan.replies += 1
    # Edits and withdrawals come after their reply: a share of replies change their mind.
    order = sorted(plan.actions)
    numbered: list[tuple[int, int]] = []  # (cycle, reply_no) in posting order
    n = 0
    for cycle in order:
        for action in plan.actions[cycle]:
            if action[0] == "reply":
                numbered.append((cycle, n))
                n += 1
    for cycle, no in numbered:
        roll = rng.random()
        if roll < 0.15 and no not in edited:
            later = rng.randrange(cycle + 1, active + 1)
            kind = "edit" if roll < 0.10 else "trash"
            plan.actions.setdefault(later, []).append((kind, no))
            edited.add(no)
    # The mentoring round's replies and approval (their own dice: the sign-ups stay as they were).
    for cycle, acts in mentoring_actions(random.Random(seed + 1), cycles).items():
        plan.actions.setdefault(cycle, []).extend(acts)
    return plan


@dataclass
class Faults:
    """Which faults the faulty run injects, and how often."""

    error_rate: float = 0.10
    drop_rate: float = 0.05  # share of cycles whose next write's answer is lost (committed)
    late_rate: float = 0.05  # share of cycles whose next write commits late
    burst_rate: float = 0.04  # share of cycles that start with a 429 burst
    kill_rate: float = 0.08  # share of cycles in which the worker is killed
    token_rate: float = 0.03  # share of cycles in which the access token expires
    access_rate: float = 0.02  # share of cycles in which the bot loses the project for a while
    # cycle -> fault kinds that happen then whatever the dice say ("drop", "late", "burst",
    # "kill", "token", "access"), so a short season meets every kind
    forced: dict[int, tuple[str, ...]] = field(default_factory=dict)


@dataclass
class Report:
    """What a season did."""

    cycles: int = 0
    failed_cycles: int = 0
    kills: int = 0
    injected: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)  # why cycles ended early
    writes: int = 0
    seconds: float = 0.0
    state: dict = field(default_factory=dict)
    duplicates: list[str] = field(default_factory=list)


class _Killer:
    def __init__(self) -> None:
        self.countdown: int | None = None
        self.after = False

    def arm(self, rng: random.Random) -> None:
        self.countdown, self.after = rng.randrange(1, 40), rng.random() < 0.5

    def tick(self, when: str) -> None:
        if self.countdown is None or when != ("after" if self.after else "before"):
            return
        self.countdown -= 1
        if self.countdown <= 0:
            self.countdown = None
            raise Killed


class _Session(requests.Session):
    """The worker's HTTP session, through which a kill can strike before or after a request."""

    def __init__(self, killer: _Killer) -> None:
        super().__init__()
        self.killer = killer

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        self.killer.tick("before")
        response = super().request(method, url, *args, **kwargs)
        if method.upper() != "GET":
            self.killer.tick("after")  # a write that committed, and then the process died
        return response


class Season:
    """One run of a season against a fresh sandbox and database."""

    def __init__(self, sandbox: Any, db_url: str, tmp_path: Path, plan: Plan, seed: int,
                 faults: Faults | None = None):
        self.sb, self.db_url, self.plan, self.faults = sandbox, db_url, plan, faults
        engine = make_engine(db_url)
        migrate(engine)
        engine.dispose()
        self.rng = random.Random(seed * 7919 + 1)
        sandbox.rate_limit(requests=100_000, per_seconds=10)
        sandbox.clock.set(START)
        config_dir = tmp_path / "config"
        config_dir.mkdir(parents=True, exist_ok=True)
        (config_dir / "network.yaml").write_text(NETWORK_YAML)
        self.renderer = Renderer(REPO / "templates", ZoneInfo("Europe/London"))
        self.project = sandbox.add_project("Women's Digital Leaders Network")
        self.people = []
        for i in range(plan.people):
            domain = DOMAINS[i % len(DOMAINS)]
            company = "camden" if domain == "example.org" and i % 8 == 3 else None
            person = sandbox.add_person(f"Member {i}", f"m{i}@{domain}", company=company)
            self.people.append(person)
        sandbox.grant(self.project["id"], [p["id"] for p in self.people])
        # A cohort set-up (due at once) and a mentoring round run alongside the sign-ups.
        self.programmes = Programmes(sandbox, self.project, self.people)
        (config_dir / "cohorts.yaml").write_text(cohorts_yaml(START, self.people))
        (config_dir / "mentoring.yaml").write_text(
            mentoring_yaml(REPO, START + 2 * CYCLE, match_time(START, plan.cycles)))
        self.config = load_config(config_dir)
        self.wall = START  # the worker's real time, a minute per cycle
        self.killer = _Killer()
        self.refreshable = True
        self.engines: list[Any] = []
        self.worker = 0
        self.ctx: JobContext | None = None
        self.reply_ids: list[int] = []
        self.late_sent: list[datetime] = []  # when each held late write was sent, oldest first
        self.threads: list[tuple[str, int, int]] = []  # (key, message id, entry id)
        self.report = Report()
        self.restore_token_at: int | None = None
        self.restore_access_at: int | None = None

    # ---- the bot ----------------------------------------------------------------------------

    def _context(self) -> JobContext:
        """A worker process starting: its own engine, client and outbox on the shared database."""
        engine = make_engine(self.db_url)
        self.engines.append(engine)
        store = Store(engine)
        sb = self.sb
        refresh = {"refresh_token": sb.refresh_token, "client_id": sb.client_id,
                   "client_secret": sb.client_secret} if self.refreshable else {}
        client = BasecampClient(
            sb.account_id, sb.token, USER_AGENT, api_url=sb.api_url,
            launchpad_url=sb.launchpad_url, backoff_base=0.001, backoff_max=0.01,
            max_retry_after=20.0,  # what the worker sets from its lease: no long sleeps
            pacer=NoPacing(), session=_Session(self.killer), **refresh,
        )
        me = client.my_profile()
        clock = sb.clock.now
        return JobContext(
            settings=None, config=self.config, store=store, client=client,
            outbox=Outbox(store, client, me, clock, wall_clock=lambda: self.wall),
            reader=ThreadReader(store, client, me.id, clock=clock), renderer=self.renderer,
            now=clock(), tz=ZoneInfo("Europe/London"), me=me, log=log, dry_run=False,
        )

    def _restart(self) -> None:
        """The other worker takes over (after a kill, or a restart with new credentials)."""
        self.worker = 1 - self.worker
        self.ctx = None

    def cycle(self) -> bool:
        """One worker cycle: a poll, then the sign-up planner pass. True if it completed."""
        self.report.cycles += 1
        try:
            if self.ctx is None:
                self.ctx = self._context()
            ctx = self.ctx = self.ctx.at(self.sb.clock.now())
            vars(ctx).pop("_signups_cache", None)
            poll.poll(ctx)
            refresh_signup_threads(ctx)
            ok = True
            for planner in (cohorts.plan, mentoring.plan):
                try:  # as the worker's planner: one failing feature does not stop the next
                    planner(ctx)
                except Exception as err:
                    if poll.stops_cycle(err):
                        raise
                    ok = False
                    self.report.failures[f"{planner.__module__}: {type(err).__name__}"] += 1
            if ok:
                return True
        except Killed:
            self.report.kills += 1
            self.report.failures["killed"] += 1
            self._restart()
        except Exception as err:  # what the worker logs and retries next cycle
            self.report.failures[type(err).__name__] += 1
            log.info("chaos: cycle %d failed: %s", self.report.cycles, type(err).__name__)
        self.report.failed_cycles += 1
        return False

    # ---- the season ----------------------------------------------------------------------------

    def announce(self) -> None:
        board = next(t["id"] for t in self.project["dock"] if t["name"] == "message_board")
        schedule = next(t["id"] for t in self.project["dock"] if t["name"] == "schedule")
        ctx = self._context()
        for e in range(self.plan.events):
            key = f"event:chaos-{e}:2026-06-0{e + 1}"
            rules = SignupRules(capacity=8 + 4 * e, per_org_minimum=1 if e == 1 else 0)
            subject = f"Lunch & learn {e + 1}: Negotiating pay"
            body = (f"<div>{subject}</div><div>{PLACES_MARKER}</div>"
                    "<div>Reply below if you'd like a place.</div>")
            first = body.replace(PLACES_MARKER, f"0 of {rules.capacity} places taken")
            message = ctx.outbox.create_message(f"{key}:announcement", board, subject, first)
            starts = datetime(2026, 6, e + 1, 12, 0, tzinfo=UTC)
            entry = ctx.outbox.create_schedule_entry(
                f"{key}:schedule", schedule, subject, starts, starts + timedelta(hours=1))
            open_signup_thread(ctx, key, message, self.project["id"], rules, subject, body,
                               entry.id, subject)
            self.threads.append((key, message.id, entry.id))
        ctx.store.engine.dispose()

    def _act(self, action: tuple) -> None:
        sb = self.sb
        sb.clock.advance(timedelta(seconds=7))
        if action[0] in ("mreply", "medit", "mwithdraw", "approve"):
            self.programmes.act(action)
        elif action[0] == "reply":
            _, person, event, text = action
            reply = sb.post_comment(self.people[person]["id"], self.threads[event][1],
                                    f"<div>{text}</div>")
            self.reply_ids.append(reply["id"])
        elif action[0] == "edit":
            sb.edit_comment(self.reply_ids[action[1]], f"<div>{WITHDRAW}</div>")
        else:
            sb.trash_comment(self.reply_ids[action[1]])

    def _inject(self, n: int) -> None:
        f, rng, sb, got = self.faults, self.rng, self.sb, self.report.injected
        if f is None:
            return
        forced = f.forced.get(n, ())

        def roll(kind: str, rate: float) -> bool:
            hit = rng.random() < rate  # always drawn: the same seed, the same season
            return hit or kind in forced
        if self.restore_token_at == n:
            with sb.lock:
                sb.state.auth["expired"] = False  # staff restored the token
            self.restore_token_at = None
        if self.restore_access_at == n:
            sb.faults.allow()
            self.restore_access_at = None
        if roll("drop", f.drop_rate):
            sb.faults.drop_after_commit(1, methods=("POST", "PUT", "DELETE"))
            got["drop-after-commit"] += 1
        if roll("late", f.late_rate):
            sb.faults.commit_late(-1, methods=("POST",))  # lands before the next cycle
            got["commit-late"] += 1
        if roll("burst", f.burst_rate):
            long = rng.random() < 0.5
            sb.faults.script([429] * rng.randrange(2, 6), retry_after=600 if long else 0)
            got["429 burst (long Retry-After)" if long else "429 burst"] += 1
        if roll("kill", f.kill_rate):
            self.killer.arm(rng)
            got["kill"] += 1
        if roll("token", f.token_rate) and self.restore_token_at is None:
            self.refreshable = rng.random() < 0.5 and "token-no-refresh" not in forced
            self._restart()  # the next worker starts with (or without) refresh credentials
            sb.expire_token()
            if not self.refreshable:
                self.restore_token_at = n + rng.randrange(2, 6)
            got["token expiry " + ("(refreshed)" if self.refreshable else "(no refresh)")] += 1
        if roll("access", f.access_rate) and self.restore_access_at is None:
            sb.faults.deny(404, methods=("POST", "PUT", "DELETE"))
            sb.faults.deny(404, methods=("GET",), path=rf"/projects/{self.project['id']}\b")
            self.restore_access_at = n + rng.randrange(2, 6)
            got["project access lost"] += 1

    def _land_late_writes(self) -> None:
        """Commit the held writes whose time has come (by the clock the bot reads)."""
        now = self.sb.clock.now()
        due = sum(1 for sent in self.late_sent if sent + LATE_LANDING <= now)
        self.sb.faults.release_late(due)
        del self.late_sent[:due]

    def run(self) -> Report:
        began = time.monotonic()
        self.announce()
        if self.faults is not None:
            self.sb.faults.error_rate(self.faults.error_rate, seed=self.rng.randrange(1 << 30))
        for n in range(self.plan.cycles):
            self.programmes.flush()  # replies that waited for the bot's call or proposal
            for action in self.plan.actions.get(n, []):
                self._act(action)
            self._inject(n)
            self.sb.clock.advance(CYCLE)
            self.wall += CYCLE
            self._land_late_writes()
            self.cycle()
            held = self.sb.faults.held_late() - len(self.late_sent)
            self.late_sent += [self.sb.clock.now()] * held
        # Faults end (access restored, the network calm): the bot catches up by itself.
        self.sb.faults.clear()
        self.sb.faults.release_late()
        self.late_sent.clear()
        self.killer.countdown = None
        with self.sb.lock:
            self.sb.state.auth["expired"] = False
        self.sb.faults.wait_late_commits()
        for _ in range(6):
            self.programmes.flush()
            self.sb.clock.advance(CYCLE)
            self.wall += CYCLE
            self.cycle()
        self.report.seconds = time.monotonic() - began
        self.report.writes = sum(1 for r in self.sb.request_log
                                 if r.method in ("POST", "PUT", "DELETE")
                                 and "/launchpad" not in r.path)
        self.report.state = self.state()
        self.report.duplicates = self.duplicates()
        for engine in self.engines:
            engine.dispose()
        return self.report

    # ---- what the season ended with -----------------------------------------------------

    def state(self) -> dict:
        """Every sign-up, each reply's acknowledgement, live lines and participants."""
        ctx = self._context()
        try:
            out: dict[str, Any] = {}
            me = ctx.me.id
            boosts: dict[int, list[str]] = {}
            with self.sb.lock:
                for b in self.sb.state.boosts.values():
                    if b["booster_id"] == me:
                        boosts.setdefault(b["recording_id"], []).append(b["content"])
            for key, message_id, entry_id in self.threads:
                rows = sorted((r.email, r.status, r.waitlist_position, r.organisation)
                              for r in signup_rows(ctx, key))
                entry = self.sb.get(entry_id)
                out[key] = {
                    "signups": rows,
                    "line": self.sb.get(message_id)["content"],
                    "participants": sorted(p["id"] for p in entry["participants"]),
                    "entry": (entry["summary"], entry["starts_at"], entry["ends_at"]),
                }
            # Acknowledgements by kind (a waitlist number may lag while the queue moves).
            out.update(self.programmes.state(ctx.store, me))
            out["acks"] = sorted(
                (no, tuple(sorted(label[:1] for label in boosts.get(rid, []))))
                for no, rid in enumerate(self.reply_ids)
            )
            return out
        finally:
            ctx.store.engine.dispose()

    def duplicates(self) -> list[str]:
        """Any item the bot created twice: two identical posts on one parent, two boosts."""
        found = []
        me = self.sb.bot_person["id"]
        seen: Counter = Counter()
        with self.sb.lock:
            for b in self.sb.state.boosts.values():
                if b["booster_id"] == me:
                    seen[("boost", b["recording_id"])] += 1
        parents = [m for _, m, _ in self.threads]
        for parent in parents:
            for c in self.sb.recordings("Comment", parent_id=parent):
                if c["creator"]["id"] == me and c.get("status") != "trashed":
                    seen[("comment", parent, c["content"])] += 1
        for m in self.sb.recordings("Message", bucket_id=self.project["id"]):
            if m["creator"]["id"] == me:
                seen[("message", m["subject"])] += 1
        seen.update(self.programmes.duplicates(me))
        found += [f"{k} x{n}" for k, n in seen.items() if n > 1]
        if found:  # say which outbox keys wrote there, so a failure can be read
            from bot.store.outbox_tables import outbox

            engine = make_engine(self.db_url)
            with engine.connect() as conn:
                for k, _ in seen.items():
                    if seen[k] > 1 and k[0] == "boost":
                        rows = conn.execute(outbox.select().where(outbox.c.target_id == k[1]))
                        keys = [(r.key, r.status, r.basecamp_id, r.attempts) for r in rows]
                        report = logging.getLogger("tests.chaos.report")
                        report.warning("chaos: duplicate %s: %s", k, keys)
            engine.dispose()
        return found
