"""Helpers shared by the mentoring tests."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.config.mentoring import MentoringRound

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"


def shipped_round(**overrides: object) -> MentoringRound:
    """The first round in config/mentoring.yaml, with some fields replaced."""
    data = yaml.safe_load((REPO / "config" / "mentoring.yaml").read_text())["mentoring"][0]
    data.update(overrides)
    return MentoringRound.model_validate(data)
