"""Fixtures for ThreadReader tests: watched messages in sandbox projects and members replying."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.threads import ThreadReader

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def tool_id(project: dict, name: str) -> int:
    """The id of a dock tool in a sandbox project dict."""
    return next(t["id"] for t in project["dock"] if t["name"] == name)


@dataclass
class Board:
    """Helpers to set up threads: the bot posts messages; members reply."""

    sandbox: Any
    client: Any

    def thread(self, project: dict | None = None, subject: str = "Sign up: data ethics") -> Any:
        """A message the bot posted in `project` (a new project if None)."""
        project = project or self.sandbox.add_project(f"Project for {subject}")
        board_id = tool_id(project, "message_board")
        return self.client.create_message(board_id, subject, "<div>Hi</div>")

    def reply(self, person: dict, recording_id: int, html: str) -> dict:
        """A member's reply, one sandbox second after the previous event."""
        self.sandbox.clock.advance(timedelta(seconds=1))
        return self.sandbox.post_comment(person["id"], recording_id, html)


@pytest.fixture
def board(sandbox, client) -> Board:
    """Thread helpers on a sandbox whose clock starts at a fixed date."""
    sandbox.clock.set(START)
    return Board(sandbox, client)


@pytest.fixture
def reader(store, client, sandbox) -> ThreadReader:
    """A ThreadReader for the bot, on the sandbox's clock."""
    return ThreadReader(store, client, sandbox.bot_person["id"], clock=sandbox.clock.now)


@pytest.fixture
def amara(sandbox) -> dict:
    """A member from Camden."""
    return sandbox.add_person("Amara Okafor", "amara@camden.gov.uk", company="Camden")


@pytest.fixture
def priya(sandbox) -> dict:
    """A member from Hackney."""
    return sandbox.add_person("Priya Shah", "priya@hackney.gov.uk", company="Hackney")


def _handle_all(reader: ThreadReader) -> list:
    changes = reader.poll()
    for change in changes:
        reader.mark_processed(change)
    reader.checkpoint()
    return changes


@pytest.fixture
def handle_all():
    """handle_all(reader): poll, mark every change processed, checkpoint; the changes."""
    return _handle_all
