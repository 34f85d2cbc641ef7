"""Fixtures for the mentoring tests: the shipped round config and its vocabulary."""

from __future__ import annotations

import pytest
from mentoring_helpers import shipped_round

from bot.core.mentoring import Vocabulary


@pytest.fixture(scope="session")
def vocab() -> Vocabulary:
    """The shipped topic vocabulary and seniority levels."""
    return shipped_round().vocabulary()
