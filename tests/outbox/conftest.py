"""Fixtures for the outbox tests: a project in the sandbox and an Outbox on the real store."""

from __future__ import annotations

import logging

import pytest
from outbox_helpers import tool_id

from bot.outbox import Outbox


@pytest.fixture
def me(client):
    """The bot's own person, as the client sees it."""
    return client.my_profile()


@pytest.fixture
def project(sandbox):
    """A fresh project with every tool."""
    return sandbox.add_project("Digital Leaders Cohort 1")


@pytest.fixture
def member(sandbox):
    """A network member who replies in threads."""
    return sandbox.add_person("Amara Okafor", "amara@camden.gov.uk", company="Camden")


@pytest.fixture
def outbox(store, client, me, sandbox):
    """An Outbox whose clock is the sandbox's clock."""
    return Outbox(store, client, me, clock=sandbox.clock.now,
                  log=logging.getLogger("bot.outbox.test"))


@pytest.fixture
def message(outbox, project):
    """A message the bot posted (through the outbox), to comment and boost on."""
    return outbox.create_message("test:message", tool_id(project, "message_board"),
                                 "Lunch and learn: data ethics", "<div>Join us.</div>")
