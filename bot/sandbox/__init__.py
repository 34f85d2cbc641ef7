"""Basecamp-compatible HTTP server for tests and the demo."""

from bot.sandbox.sandbox import LoggedRequest, Sandbox

__all__ = ["LoggedRequest", "Sandbox"]
