"""Helpers shared by the outbox tests."""

from __future__ import annotations

from typing import Any


def tool_id(project: Any, name: str) -> int:
    """The id of a dock tool in a project (dict from the sandbox or a Project model)."""
    dock = project["dock"] if isinstance(project, dict) else project.dock
    for tool in dock:
        tool_name = tool["name"] if isinstance(tool, dict) else tool.name
        if tool_name == name:
            return tool["id"] if isinstance(tool, dict) else tool.id
    raise LookupError(name)
