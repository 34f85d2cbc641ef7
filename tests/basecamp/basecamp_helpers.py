"""Shared helpers for the Basecamp client tests (HTTP mocked with `responses`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.basecamp.client import BasecampClient
from bot.basecamp.pacing import NoPacing

API = "https://bc.test"
LAUNCHPAD = "https://lp.test"
ACCOUNT = 999
BASE = f"{API}/{ACCOUNT}"
TOKEN = "tok-ACCESS-7f3a9c2e51"
REFRESH = "tok-REFRESH-b81d44e0c9"
CLIENT_SECRET = "sec-CLIENT-0d9e8f7a6b"
USER_AGENT = "LOTI Network Bot (digital@loti.example)"
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
EXAMPLES = SHARED / "basecamp" / "examples"


class SleepRecorder:
    """Stands in for time.sleep: records each wait and advances a fake clock."""

    def __init__(self) -> None:
        self.waits: list[float] = []
        self.now = 1000.0

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


def make_client(**overrides: Any) -> BasecampClient:
    """A client with millisecond backoff, no pacing and a recording sleep."""
    sleep = overrides.pop("sleep", None) or SleepRecorder()
    options: dict[str, Any] = {
        "account_id": ACCOUNT,
        "access_token": TOKEN,
        "user_agent": USER_AGENT,
        "api_url": API,
        "launchpad_url": LAUNCHPAD,
        "pacer": NoPacing(),
        "backoff_base": 0.001,
        "backoff_max": 0.004,
        "timeout": 5.0,
        "sleep": sleep,
        "clock": sleep.clock,
    }
    options.update(overrides)
    client = BasecampClient(**options)
    client.test_sleep = sleep  # type: ignore[attr-defined]
    return client


def person(pid: int = 1, name: str = "Ada Lovelace") -> dict:
    """A minimal person payload."""
    return {"id": pid, "name": name, "attachable_sgid": f"sgid-{pid}",
            "email_address": f"p{pid}@example.org"}


def comment(cid: int, parent: int = 50, content: str = "<div>Hi</div>") -> dict:
    """A minimal comment payload."""
    return {
        "id": cid, "status": "active", "type": "Comment", "content": content,
        "created_at": "2026-11-20T10:00:00Z", "updated_at": "2026-11-20T10:00:00Z",
        "parent": {"id": parent, "title": "Lunch and learn", "type": "Message"},
        "bucket": {"id": 7, "name": "WDLN", "type": "Project"},
        "creator": person(), "boosts_count": 0,
        "app_url": f"https://app.test/{cid}",
    }
