"""Helpers for the frame tests: the environment that points the bot at a sandbox and database."""

from __future__ import annotations

from tests.support.world import REPO, USER_AGENT, sandbox_env

__all__ = ["REPO", "USER_AGENT", "sandbox_env"]
