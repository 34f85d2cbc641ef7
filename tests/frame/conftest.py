"""Fixtures for the worker frame: settings and environment pointing at a sandbox and a database."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

from tests.frame.frame_support import sandbox_env


def _applier(monkeypatch: pytest.MonkeyPatch, sandbox, url: str) -> Callable[..., dict]:
    def apply(**extra: str) -> dict[str, str]:
        for name in list(os.environ):
            if name.startswith(("BASECAMP_", "LOTI_")) or name == "DATABASE_URL":
                monkeypatch.delenv(name)
        env = sandbox_env(sandbox, url, **extra)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return env

    return apply


@pytest.fixture
def bot_env(monkeypatch: pytest.MonkeyPatch, sandbox, db_url: str) -> Callable[..., dict]:
    """Set the process environment for the bot (sandbox + db_url); returns the variables."""
    return _applier(monkeypatch, sandbox, db_url)


@pytest.fixture
def sqlite_bot_env(monkeypatch: pytest.MonkeyPatch, sandbox, tmp_path) -> Callable[..., dict]:
    """Like bot_env, on SQLite only: for commands whose database does not matter."""
    return _applier(monkeypatch, sandbox, f"sqlite:///{tmp_path / 'bot.sqlite3'}")
