"""Requests (and time) per idle ThreadReader poll with 1, 10, 100 and 500 open threads.

Each thread is in its own project (the worst case: the listing takes up to 250 project ids
per request, so 500 projects need two requests per listing).

Runs against the sandbox over loopback with a SQLite store:
    .venv/bin/python bench/bench_idle_poll.py
"""

from __future__ import annotations

import tempfile
import time
from datetime import timedelta
from pathlib import Path

from bot.basecamp.client import BasecampClient
from bot.basecamp.pacing import Pacer
from bot.sandbox import Sandbox
from bot.store.db import Store, make_engine, migrate
from bot.store.http_cache import DbCache
from bot.threads import ThreadReader

SIZES = (1, 10, 100, 500)


def _board_id(project: dict) -> int:
    return next(t["id"] for t in project["dock"] if t["name"] == "message_board")


def run(threads: int, workdir: Path) -> dict:
    """Set up `threads` watched threads with one reply each; measure an idle poll."""
    sandbox = Sandbox().start()
    sandbox.rate_limit(enabled=False)  # setup is not what we measure
    try:
        engine = make_engine(f"sqlite:///{workdir / f'bench-{threads}.sqlite3'}")
        migrate(engine)
        store = Store(engine)
        # As in production: ETags kept in the database.
        client = BasecampClient(sandbox.account_id, sandbox.token, "LOTI bench (bench@loti.test)",
                                api_url=sandbox.api_url, launchpad_url=sandbox.launchpad_url,
                                pacer=Pacer(10_000, 1.0), cache=DbCache(store))
        reader = ThreadReader(store, client, sandbox.bot_person["id"], clock=sandbox.clock.now)
        member = sandbox.add_person("Amara Okafor", "amara@camden.gov.uk", company="Camden")
        for i in range(threads):
            project = sandbox.add_project(f"Event {i}")
            msg = client.create_message(_board_id(project), f"Sign up {i}", "<div>Hi</div>")
            reader.watch(msg.id, project["id"], "signup", f"event:{i}")
            sandbox.post_comment(member["id"], msg.id, "<div>Count me in</div>")
        before = client.request_count
        first = _cycle(reader)
        first_requests = client.request_count - before
        # The worker polls once a minute: the next poll comes after the re-read window.
        sandbox.clock.advance(timedelta(seconds=60))
        _cycle(reader)  # settles high-water marks
        before, not_modified = client.request_count, client.stats.not_modified
        started = time.perf_counter()
        idle = _cycle(reader)
        elapsed = time.perf_counter() - started
        assert idle == 0 and first == threads
        return {"threads": threads, "first_poll_requests": first_requests,
                "idle_requests": client.request_count - before, "idle_ms": elapsed * 1000,
                "not_modified": client.stats.not_modified - not_modified}
    finally:
        sandbox.stop()


def _cycle(reader: ThreadReader) -> int:
    changes = reader.poll()
    for change in changes:
        reader.mark_processed(change)
    reader.checkpoint()
    return len(changes)


def main() -> None:
    """Print one line per size."""
    print(f"{'open threads':>12} {'first poll reqs':>16} {'idle poll reqs':>15} "
          f"{'of which 304':>13} {'idle ms':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            r = run(size, Path(tmp))
            print(f"{r['threads']:>12} {r['first_poll_requests']:>16} "
                  f"{r['idle_requests']:>15} {r['not_modified']:>13} {r['idle_ms']:>8.1f}")


if __name__ == "__main__":
    main()
