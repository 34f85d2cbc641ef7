"""Cohort tests share the posting harness in tests/events/posting_world.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "events"))

from posting_world import World


@pytest.fixture
def world(sandbox, db_url, tmp_path) -> World:
    """A sandbox network project, config directory and database."""
    return World(sandbox, db_url, tmp_path)
