"""Event tests: the posting harness (a sandbox network, config files and `tick --now`)."""

from __future__ import annotations

import pytest
from posting_world import World


@pytest.fixture
def world(sandbox, db_url, tmp_path) -> World:
    """A sandbox network project, config directory and database."""
    return World(sandbox, db_url, tmp_path)
