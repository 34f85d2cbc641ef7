"""Fixtures for the sandbox's own tests: an unvalidated sandbox and a plain-requests client."""

from __future__ import annotations

import pytest
from sandbox_helpers import Api

from bot.sandbox import Sandbox


@pytest.fixture
def sb():
    """A started sandbox that does not validate requests (these tests send bad ones)."""
    box = Sandbox().start()
    yield box
    box.stop()


@pytest.fixture
def api(sb) -> Api:
    """Authorised plain-requests access to `sb`."""
    return Api(sb)
