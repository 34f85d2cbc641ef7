"""Programme tests share the posting harness (tests/events/posting_world.py)."""

from tests.events.posting_world import (  # noqa: F401 (fixtures)
    network_yaml,
    repo,
    world,
    world_lite,
)
