"""Sign-up test fixtures: a SignupWorld on the sandbox and the store."""

from __future__ import annotations

import pytest
from signups_world import SignupWorld


@pytest.fixture
def world(sandbox, store, tmp_path, skipped_time):
    """The bot, a network project and a clock at a fixed start (default pacing, no real
    waits: see SkippedTime)."""
    world = SignupWorld(sandbox, store, tmp_path, skipped_time=skipped_time)
    yield world
    if world.store is not store:  # restarted: release the new worker's connections
        world.store.close()
        world.store.engine.dispose()
