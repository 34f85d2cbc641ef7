"""Sandbox throughput: requests per second for typical reads and writes over loopback.

Run: .venv/bin/python bench/bench_sandbox.py
"""

from __future__ import annotations

import time

import requests

from bot.sandbox import Sandbox

USER_AGENT = "LOTI bench (network-bot@loti.london)"


def _timed(label: str, count: int, call) -> None:
    started = time.perf_counter()
    for _ in range(count):
        response = call()
        assert response.status_code < 400, response.text
    elapsed = time.perf_counter() - started
    print(f"{label:<44} {count / elapsed:8.0f} req/s  {1000 * elapsed / count:6.2f} ms/req")


def _bench(validate: bool, answers: bool = False) -> None:
    sb = Sandbox(validate_requests=validate, validate_responses=answers).start()
    sb.rate_limit(enabled=False)
    try:
        http = requests.Session()
        http.headers.update({"Authorization": f"Bearer {sb.token}", "User-Agent": USER_AGENT})
        base = f"{sb.api_url}/{sb.account_id}"
        member = sb.add_person("Amara Okafor", "amara@camden.gov.uk")
        projects = [sb.add_project(f"Event {i}") for i in range(50)]
        board = next(t["id"] for t in projects[0]["dock"] if t["name"] == "message_board")
        message = sb.post_message(sb.bot_person["id"], board, "Sign up", "<div>Hi</div>")
        for i in range(300):
            sb.post_comment(member["id"], message["id"], f"<div>Reply {i}</div>")
        buckets = ",".join(str(p["id"]) for p in projects)
        print(f"-- validate_requests={validate}, validate_responses={answers}")
        http.get(f"{base}/my/profile.json")  # warm-up (loads the spec when validating)
        _timed("GET message", 300, lambda: http.get(f"{base}/messages/{message['id']}.json"))
        _timed("GET comments page 1 (15 of 300)", 200,
               lambda: http.get(f"{base}/recordings/{message['id']}/comments.json"))
        _timed("GET recordings.json, 50 buckets", 200,
               lambda: http.get(f"{base}/projects/recordings.json",
                                params={"type": "Comment", "bucket": buckets,
                                        "sort": "updated_at"}))
        _timed("POST comment", 200,
               lambda: http.post(f"{base}/recordings/{message['id']}/comments.json",
                                 json={"content": "<div>Thanks</div>"}))
    finally:
        sb.stop()


def main() -> None:
    """Print figures for the sandbox unchecked, checking requests, and checking both ways
    (as the tests' sandbox does)."""
    _bench(False)
    _bench(True)
    _bench(True, answers=True)


if __name__ == "__main__":
    main()
