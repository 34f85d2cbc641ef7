"""Cohort tests: the harness and fixtures are shared with tests/events (posting_world.py)."""

from tests.events.posting_world import (  # noqa: F401 (fixtures)
    cohort_yaml,
    network_yaml,
    repo,
    world,
    world_lite,
)
