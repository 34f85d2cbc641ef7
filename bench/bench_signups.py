"""Sign-up figures: requests per idle poll cycle (poll + sign-up handler + live-line refresh)
with 1, 10, 100 and 500 open sign-up threads, and the time and requests to acknowledge a
burst of 500 replies on one thread; and what 500 past events' threads cost once retired.

Runs against the sandbox over loopback with a SQLite store (on tmpfs when there is one):
    .venv/bin/python bench/bench_signups.py            # burst: default pacing (45/10 s)
                                                       # against Basecamp's 50/10 s limit
    .venv/bin/python bench/bench_signups.py --fast     # burst with pacing lifted (1000/10 s)
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from bot.basecamp.client import BasecampClient
from bot.basecamp.pacing import BASECAMP_LIMIT, DEFAULT_MAX_REQUESTS, Pacer
from bot.config import load_config
from bot.config.signups import SignupRules
from bot.jobs import poll
from bot.jobs.context import JobContext
from bot.jobs.signups import PLACES_MARKER, open_signup_thread, refresh_signup_threads
from bot.outbox import Outbox
from bot.render import Renderer
from bot.sandbox import Sandbox
from bot.store.db import Store, make_engine, migrate
from bot.threads import ThreadReader

REPO = Path(__file__).resolve().parents[1]
SIZES = (1, 10, 100, 500)
BURST = 500
NETWORK = """name: Network
project: {name: Network}
staff: [{name: Nadia Rossi, email: nadia@loti.london, role: Coordinator}]
organisations: [{key: camden, name: Camden, domains: [camden.gov.uk]}]
"""


def _world(workdir: Path, name: str, pacer: Pacer | None, limit: tuple[int, float] | None):
    sandbox = Sandbox().start()
    sandbox.clock.set(datetime(2026, 5, 1, 9, 0, tzinfo=UTC))
    if limit is None:
        sandbox.rate_limit(enabled=False)
    else:
        sandbox.rate_limit(requests=limit[0], per_seconds=limit[1])
    (workdir / "config").mkdir(exist_ok=True)
    (workdir / "config" / "network.yaml").write_text(NETWORK)
    client = BasecampClient(
        sandbox.account_id,
        sandbox.token,
        "LOTI bench (bench@loti.test)",
        api_url=sandbox.api_url,
        launchpad_url=sandbox.launchpad_url,
        **({"pacer": pacer} if pacer else {}),
    )
    engine = make_engine(f"sqlite:///{workdir / f'{name}.sqlite3'}")
    migrate(engine)
    store = Store(engine)
    me = client.my_profile()
    clock = sandbox.clock.now
    ctx = JobContext(
        settings=None,
        config=load_config(workdir / "config"),
        store=store,
        client=client,
        outbox=Outbox(store, client, me, clock),
        reader=ThreadReader(store, client, me.id, clock=clock),
        renderer=Renderer(REPO / "templates", ZoneInfo("Europe/London")),
        now=clock(),
        tz=ZoneInfo("Europe/London"),
        me=me,
        log=logging.getLogger("bench"),
        dry_run=False,
    )
    return sandbox, ctx, store, engine


def _open(sandbox, ctx, project: dict, i: int, capacity: int, closes_at=None) -> int:
    board = next(t["id"] for t in project["dock"] if t["name"] == "message_board")
    html = f"<div>Event {i}</div><div>{PLACES_MARKER}</div>"
    msg = sandbox.post_message(
        ctx.me.id, board, f"Event {i}", html.replace(PLACES_MARKER, f"0 of {capacity} places taken")
    )
    open_signup_thread(
        ctx,
        f"event:{i}",
        SimpleNamespace(id=msg["id"]),
        project["id"],
        SignupRules(capacity=capacity, closes_at=closes_at),
        f"Event {i}",
        html,
        None,
        f"Event {i}",
    )
    return msg["id"]


def _cycle(sandbox, ctx, advance: timedelta = timedelta(seconds=60)):
    sandbox.clock.advance(advance)
    ctx = ctx.at(sandbox.clock.now())
    return ctx, poll.poll(ctx)


def idle(threads: int, workdir: Path) -> dict:
    """Requests of an idle poll cycle with `threads` open sign-up threads (one project each)."""
    sandbox, ctx, store, engine = _world(workdir, f"idle-{threads}", Pacer(10_000, 1.0), None)
    try:
        member = sandbox.add_person("Amara Okafor", "amara@camden.gov.uk")
        for i in range(threads):
            project = sandbox.add_project(f"Event {i}")
            mid = _open(sandbox, ctx, project, i, 10)
            sandbox.post_comment(member["id"], mid, "<div>Count me in</div>")
        ctx, first = _cycle(sandbox, ctx)
        ctx, _ = _cycle(sandbox, ctx)  # settles the reader's high-water marks
        before = ctx.client.request_count
        started = time.perf_counter()
        ctx, result = _cycle(sandbox, ctx)
        elapsed = time.perf_counter() - started
        assert first.handled == threads and not result.changes
        return {
            "threads": threads,
            "idle_requests": ctx.client.request_count - before,
            "idle_ms": elapsed * 1000,
        }
    finally:
        store.close()
        engine.dispose()
        sandbox.stop()


def retired(threads: int, workdir: Path) -> dict:
    """Requests of a whole cycle (poll + planner refresh) once `threads` past events are over."""
    sandbox, ctx, store, engine = _world(workdir, f"past-{threads}", Pacer(10_000, 1.0), None)
    try:
        closes = sandbox.clock.now() + timedelta(hours=1)
        for i in range(threads):
            _open(sandbox, ctx, sandbox.add_project(f"Past {i}"), i, 10, closes)
        ctx, _ = _cycle(sandbox, ctx, timedelta(days=2))
        refresh_signup_threads(ctx)  # the planner pass retires threads whose event is over
        before = ctx.client.request_count
        ctx, _ = _cycle(sandbox, ctx)
        refresh_signup_threads(ctx)
        return {
            "threads": threads,
            "open": len(ctx.reader.threads("signup")),
            "requests": ctx.client.request_count - before,
        }
    finally:
        store.close()
        engine.dispose()
        sandbox.stop()


def burst(workdir: Path, fast: bool, pacing: int | None = None) -> dict:
    """Time and requests for one cycle that acknowledges 500 new replies on one thread."""
    # pacer=None: the client's own default, the pacing production runs with.
    pacer, limit = (Pacer(900, 10.0), (1000, 10.0)) if fast else (None, BASECAMP_LIMIT)
    if pacing and not fast:
        pacer = Pacer(pacing, 10.0)
    sandbox, ctx, store, engine = _world(workdir, "burst", pacer, limit)
    try:
        project = sandbox.add_project("Burst")
        mid = _open(sandbox, ctx, project, 0, 40)
        ctx, _ = _cycle(sandbox, ctx)
        people = [sandbox.add_person(f"M {i}", f"m{i}@camden.gov.uk") for i in range(BURST)]
        for p in people:
            sandbox.post_comment(p["id"], mid, "<div>Yes please!</div>")
        before, log_before = ctx.client.request_count, len(sandbox.request_log)
        started = time.perf_counter()
        ctx, result = _cycle(sandbox, ctx)
        elapsed = time.perf_counter() - started
        log = sandbox.request_log[log_before:]
        return {
            "handled": result.handled,
            "seconds": elapsed,
            "requests": ctx.client.request_count - before,
            "writes": sum(1 for r in log if r.method != "GET"),
            "429s": sum(1 for r in log if r.status == 429),
            "pacer": (ctx.client.http.pacer.max_requests, ctx.client.http.pacer.per_seconds),
        }
    finally:
        store.close()
        engine.dispose()
        sandbox.stop()


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fast", action="store_true", help="lift pacing for the burst")
    parser.add_argument(
        "--pacing",
        type=int,
        metavar="N",
        help="client pacing for the burst, N requests per 10 s (limit stays 50)",
    )
    args = parser.parse_args()
    logging.disable(logging.INFO)
    base = "/dev/shm" if Path("/dev/shm").is_dir() else None
    with tempfile.TemporaryDirectory(dir=base) as tmp:
        print(f"{'open sign-up threads':>20} {'requests per idle poll':>23} {'idle ms':>8}")
        for size in SIZES:
            (Path(tmp) / str(size)).mkdir()
            r = idle(size, Path(tmp) / str(size))
            print(f"{r['threads']:>20} {r['idle_requests']:>23} {r['idle_ms']:>8.1f}")
        (Path(tmp) / "past").mkdir()
        r = retired(500, Path(tmp) / "past")
        print(
            f"\n{r['threads']} past events' threads: {r['open']} still watched, "
            f"{r['requests']} requests per cycle (poll + planner refresh)"
        )
        (Path(tmp) / "burst").mkdir()
        b = burst(Path(tmp) / "burst", args.fast, args.pacing)
        sent, window = b["pacer"]
        default = " (default)" if (sent, window) == (DEFAULT_MAX_REQUESTS, 10.0) else ""
        limit = "1000/10 s" if args.fast else f"{BASECAMP_LIMIT[0]}/{BASECAMP_LIMIT[1]:g} s"
        pacing = f"pacing {sent}/{window:g} s{default}, limit {limit}"
        print(
            f"\nburst of {BURST} replies ({pacing}): {b['handled']} handled in "
            f"{b['seconds']:.1f} s, {b['requests']} requests ({b['writes']} writes), "
            f"{b['429s']} x 429"
        )


if __name__ == "__main__":
    main()
