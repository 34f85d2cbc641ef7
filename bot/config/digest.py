"""The monthly staff digest (config/digest.yaml): where and when it goes."""

from __future__ import annotations

from datetime import time

from pydantic import Field

from bot.config.base import StrictModel


class StaffDigest(StrictModel):
    """A picture of the network for LOTI staff, once a month in the staff project."""

    staff_project: str = Field(min_length=1)
    day_of_month: int = Field(default=1, ge=1, le=28)
    post_time: time = time(9, 0)
    chart: bool = True  # members per organisation, stacked by seniority
    levels: tuple[str, ...] = ()  # seniority order, most junior first (default: mentoring's)


class DigestFile(StrictModel):
    """digest.yaml: a `digest:` mapping (optional file)."""

    digest: StaffDigest | None = None
