"""Benchmark: list 1,000 comments through the client against the in-process sandbox.

Run: .venv/bin/python bench/bench_client_listing.py [--comments 1000]
Prints requests, 200s, 304s and wall time for a cold listing, an unchanged re-listing
(should be all 304s) and a listing after one new comment.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.basecamp.client import BasecampClient
from bot.sandbox import Sandbox

USER_AGENT = "LOTI Network Bot benchmark (network-bot@loti.london)"


def listing(client: BasecampClient, message_id: int, label: str) -> int:
    """List every comment once and print what it cost."""
    before = (client.request_count, client.stats.ok, client.stats.not_modified)
    started = time.perf_counter()
    count = sum(1 for _ in client.comments(message_id))
    elapsed = time.perf_counter() - started
    requests = client.request_count - before[0]
    ok = client.stats.ok - before[1]
    not_modified = client.stats.not_modified - before[2]
    print(f"{label:<28} {count:>6} comments  {requests:>3} requests  "
          f"{ok:>3} x 200  {not_modified:>3} x 304  {elapsed * 1000:8.1f} ms  "
          f"(X-Total-Count {client.last_total_count})")
    return count


def main() -> None:
    """Seed the sandbox, then list the comments three times."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--comments", type=int, default=1000)
    args = parser.parse_args()

    sandbox = Sandbox().start()
    try:
        member = sandbox.add_person("Priya Shah", "priya@council.example", company="Camden")
        project = sandbox.add_project("Women's Digital Leaders Network")
        board = next(t for t in project["dock"] if t["name"] == "message_board")
        message = sandbox.post_message(sandbox.bot_person["id"], board["id"],
                                       "Lunch and learn: accessible services")
        seed_started = time.perf_counter()
        for n in range(args.comments):
            sandbox.post_comment(member["id"], message["id"], f"<div>Reply {n}</div>")
        print(f"seeded {args.comments} comments in "
              f"{(time.perf_counter() - seed_started) * 1000:.0f} ms")

        client = BasecampClient(
            sandbox.account_id, sandbox.token, USER_AGENT,
            api_url=sandbox.api_url, launchpad_url=sandbox.launchpad_url,
        )
        listing(client, message["id"], "cold (empty cache)")
        listing(client, message["id"], "again, nothing changed")
        sandbox.post_comment(member["id"], message["id"], "<div>One more</div>")
        listing(client, message["id"], "after one new comment")
        print(f"total requests {client.request_count}; pacing waited "
              f"{client.http.pacer.waited:.2f} s; sandbox saw "
              f"{sum(1 for r in sandbox.request_log if r.status == 429)} x 429")
    finally:
        sandbox.stop()


if __name__ == "__main__":
    main()
