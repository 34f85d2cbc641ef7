"""The intents a reply can have: a module of its own so the CLI can list them without the reader."""

from __future__ import annotations

INTENTS = ("join", "decline", "withdraw", "maybe", "question", "other")
