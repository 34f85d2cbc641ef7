"""The last poll and planner cycle, so `loti-bot status` can say when and at what cost."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Column, Integer, String, Table, select

from bot.store.db import Store, upsert
from bot.store.tables import UTCDateTime, metadata

cycle_log = Table(
    "cycle_log",
    metadata,
    Column("name", String(20), primary_key=True),  # "poll" | "planner"
    Column("finished_at", UTCDateTime, nullable=False),
    Column("requests", Integer, nullable=False),  # Basecamp requests the cycle sent
    Column("failures", Integer, nullable=False),  # planners that failed (0 for a poll)
)


@dataclass(frozen=True)
class Cycle:
    """One kind of cycle's most recent run."""

    name: str
    finished_at: datetime
    requests: int
    failures: int


def record_cycle(store: Store, name: str, at: datetime, requests: int, failures: int = 0) -> None:
    """Keep only the latest run of each kind (one row each: the table never grows)."""
    with store.transaction() as conn:
        upsert(conn, cycle_log, {"name": name, "finished_at": at, "requests": requests,
                                 "failures": failures}, ["name"])


def last_cycles(store: Store) -> dict[str, Cycle]:
    """The latest run of each kind, by name."""
    with store.transaction() as conn:
        rows = conn.execute(select(cycle_log)).all()
    return {r.name: Cycle(r.name, r.finished_at, r.requests, r.failures) for r in rows}
