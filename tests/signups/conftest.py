"""Sign-up test fixtures: a SignupWorld on the sandbox and the store."""

from __future__ import annotations

import pytest
from signups_world import SignupWorld


@pytest.fixture
def world(sandbox, store, tmp_path) -> SignupWorld:
    """The bot, a network project and a clock at a fixed start."""
    return SignupWorld(sandbox, store, tmp_path)
