"""Planner cost for the posting side: requests and time per cycle, idle and busy.

Runs 10 monthly event series and 2 cohorts (one recruited by list) against the in-process
sandbox with a SQLite store, one planner pass per hour of London time for 120 days:
    .venv/bin/python bench/bench_posting.py [--days 120]
Prints requests per idle cycle (nothing due: should be 0), the busiest cycle, posts made, and
wall time per cycle.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.jobs import planner, poll
from bot.jobs.context import build_context
from bot.sandbox import Sandbox
from bot.settings import load_settings

REPO = Path(__file__).resolve().parents[1]
LONDON = ZoneInfo("Europe/London")
USER_AGENT = "LOTI Network Bot benchmark (network-bot@loti.london)"
NETWORK = """\
name: Network
project: {name: Network}
staff: [{name: Amara Okafor, email: amara@loti.london, role: Lead}]
organisations: [{key: camden, name: Camden, domains: [camden.gov.uk]}]
"""
SERIES = """\
  - key: series-{n}
    title: Series {n}
    link: https://teams.example.org/{n}
    recurrence: {{ordinal: {ordinal}, weekday: {weekday}, starts: 2026-09-01}}
    leads: {{announce_days: 21, remind_days: 1, places_left_days: 7}}
"""
COHORT = """\
  - key: cohort-{n}
    name: Cohort {n}
    course_start: {start}
    participants_from: list
    participants: [{{name: Ada, email: ada{n}@camden.gov.uk}}]
    reflection: {{link: https://teams.example.org/r}}
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=120)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    (tmp / "network.yaml").write_text(NETWORK)
    days = ("monday", "tuesday", "wednesday", "thursday", "friday")
    (tmp / "events.yaml").write_text("events:\n" + "".join(
        SERIES.format(n=n, ordinal=("first", "second")[n % 2], weekday=days[n % 5])
        for n in range(10)))
    (tmp / "cohorts.yaml").write_text("cohorts:\n" + "".join(
        COHORT.format(n=n, start=start) for n, start in enumerate(["2026-10-05", "2026-11-09"])))

    sb = Sandbox().start()
    sb.rate_limit(enabled=False)
    sb.add_project("Network")
    settings = load_settings(env_file=None, basecamp_account_id=sb.account_id,
                             basecamp_access_token=sb.token, basecamp_user_agent=USER_AGENT,
                             basecamp_api_url=sb.api_url, basecamp_launchpad_url=sb.launchpad_url,
                             database_url=f"sqlite:///{tmp / 'bench.sqlite3'}",
                             loti_config_dir=str(tmp), loti_templates_dir=str(REPO / "templates"))
    planner.load_features()
    poll.load_handlers()
    ctx = build_context(settings, now=datetime(2026, 9, 1, tzinfo=LONDON))
    idle, busy, seconds = [], [], []
    posts_before = ctx.client.request_count
    start = datetime(2026, 9, 1, 0, 5, tzinfo=LONDON)
    try:
        for hour in range(args.days * 24):
            now = start + timedelta(hours=hour)
            sb.clock.set(now)
            cycle = ctx.at(now)
            before = ctx.client.request_count
            t0 = time.perf_counter()
            failures = planner.run(cycle)
            seconds.append(time.perf_counter() - t0)
            used = ctx.client.request_count - before
            (busy if used else idle).append(used)
            if failures:
                print(f"{now:%Y-%m-%d %H:%M}: {failures} planner(s) failed", file=sys.stderr)
    finally:
        ctx.close()
        sb.stop()
    made = sum(1 for m, _, s in sb.request_log if m in ("POST", "PUT") and s < 300)
    print(f"cycles: {len(seconds)} ({args.days} days, hourly); writes: {made}; "
          f"requests in all: {ctx.client.request_count - posts_before}")
    print(f"idle cycles: {len(idle)}, requests each: {max(idle) if idle else 0}")
    print(f"busy cycles: {len(busy)}, requests median {statistics.median(busy or [0])}, "
          f"max {max(busy or [0])}")
    print(f"time per cycle: median {statistics.median(seconds) * 1000:.1f} ms, "
          f"max {max(seconds) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
