"""Shared pieces of the staff-edited config models."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """A config model that rejects unknown keys: a typo in YAML is an error, not a no-op."""

    model_config = ConfigDict(extra="forbid", frozen=True)
