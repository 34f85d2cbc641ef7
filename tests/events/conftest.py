"""Posting tests: the harness in tests/events/posting_world.py (sandbox network, config, tick).

Loaded by path, so it works whether or not tests/ is a package.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest


def _posting_world() -> ModuleType:
    name = "loti_tests_posting_world"
    if name not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "events" / "posting_world.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture
def world(sandbox, db_url, tmp_path) -> Any:
    """A sandbox network project, config directory and database (SQLite and PostgreSQL)."""
    return _posting_world().World(sandbox, db_url, tmp_path)


@pytest.fixture
def world_lite(sandbox, tmp_path) -> Any:
    """The same on SQLite only: for long rehearsals whose store use the `world` tests cover."""
    return _posting_world().World(sandbox, f"sqlite:///{tmp_path / 'store.sqlite3'}", tmp_path)


@pytest.fixture
def network_yaml() -> str:
    """A small network.yaml: Camden (with a champion), Hackney and Brent."""
    return _posting_world().NETWORK_YAML


@pytest.fixture
def cohort_yaml() -> str:
    """cohorts.yaml for one six-week cohort with a participant list and a check-in."""
    return _posting_world().COHORT_YAML


@pytest.fixture
def repo() -> Path:
    """The repository root (for the real templates and config)."""
    return Path(__file__).resolve().parents[2]
