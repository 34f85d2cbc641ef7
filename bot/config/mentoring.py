"""Mentoring round config (issue 6 owns and extends this)."""

from __future__ import annotations

from bot.config.base import StrictModel


class MentoringRound(StrictModel):
    """One mentoring round: call, matching, introductions, follow-up."""

    key: str
    title: str
