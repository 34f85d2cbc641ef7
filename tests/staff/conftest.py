"""Fixtures for the staff tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.staff.staff_support import StaffDesk, make_desk


@pytest.fixture
def desk(tmp_path: Path) -> StaffDesk:
    """A copy of the shipped config and templates, with offline settings."""
    return make_desk(tmp_path)
