"""Event series config (issue 5 owns and extends this)."""

from __future__ import annotations

from bot.config.base import StrictModel


class EventSeries(StrictModel):
    """One series of network events (online or in person)."""

    key: str
    title: str
