"""Cohort config (issue 5 owns and extends this)."""

from __future__ import annotations

from bot.config.base import StrictModel


class Cohort(StrictModel):
    """One cohort of the six-week confidence course."""

    key: str
    name: str
