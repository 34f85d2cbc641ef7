"""A rehearsal harness for the posting jobs: a sandbox network, config files and `tick --now`.

The fixtures at the end are shared by tests/events and tests/cohorts (their conftest imports them).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.support.world import NETWORK, SandboxWorld

LONDON = ZoneInfo("Europe/London")


def london(*args: int) -> datetime:
    """A Europe/London wall-clock time (the zone every post is planned in)."""
    return datetime(*args, tzinfo=LONDON)


NETWORK_YAML = f"""\
name: {NETWORK}
project:
  name: {NETWORK}
staff:
  - name: Amara Okafor
    email: amara.okafor@loti.london
    role: Network lead
organisations:
  - key: camden
    name: Camden
    domains: [camden.gov.uk]
    champion: chioma@camden.gov.uk
  - key: hackney
    name: Hackney
    domains: [hackney.gov.uk]
  - key: brent
    name: Brent
    domains: [brent.gov.uk]
"""

# A six-week cohort built from a template, with a fixed participant list.
COHORT_YAML = """\
cohorts:
  - key: spring-2027
    name: Confident Digital Leaders, spring 2027
    course_start: 2027-03-01
    template: Confidence course cohort
    participants_from: list
    participants:
      - {name: Chioma Eze, email: chioma@camden.gov.uk}
      - {name: Hannah Reid, email: hannah@hackney.gov.uk}
      - {name: Nia Brown, email: nia@brent.gov.uk, title: Product manager, organisation: Brent}
    facilitators:
      - {name: Helen Adeyemi, email: helen@adeyemi.co.uk, organisation: Adeyemi Coaching}
    staff: [amara.okafor@loti.london]
    reflection:
      link: https://teams.example.org/reflect
    check_in:
      weekday: friday
      time_of_day: "16:00"
"""


class World(SandboxWorld):
    """The network project in a sandbox, a config directory and a database."""

    def __init__(self, sandbox: Any, db_url: str, tmp_path: Path):
        super().__init__(sandbox, db_url, tmp_path, NETWORK_YAML)
        self.project = sandbox.add_project(NETWORK)
        self.amara = sandbox.add_person("Amara Okafor", "amara.okafor@loti.london", "LOTI")
        self.people: dict[str, dict] = {}
        for name, email in [("Chioma Eze", "chioma@camden.gov.uk"),
                            ("Hannah Reid", "hannah@hackney.gov.uk"),
                            ("Bea Patel", "bea@brent.gov.uk"),
                            ("Dee Jones", "dee@camden.gov.uk")]:
            self.people[name.split()[0].lower()] = sandbox.add_person(name, email)
        sandbox.grant(self.project["id"], [self.amara["id"], *(p["id"] for p in
                                                                self.people.values())])
        self.board_id = self.tool(self.project, "message_board")
        self.schedule_id = self.tool(self.project, "schedule")

    def client_projects(self) -> list[dict]:
        return [p.model_dump() for p in self.client().projects()]

    def project_people(self, project_id: int) -> list[dict]:
        return [p.model_dump() for p in self.client().project_people(project_id)]

    def subjects(self, project_id: int | None = None) -> list[str]:
        return [m["subject"] for m in self.messages(project_id)]

    def entries(self, project_id: int | None = None) -> list[dict]:
        pid = project_id or self.project["id"]
        return sorted(self.sb.recordings("Schedule::Entry", bucket_id=pid),
                      key=lambda e: e["id"])


# -- fixtures (imported by tests/events/conftest.py and tests/cohorts/conftest.py) ---------


@pytest.fixture
def world(sandbox, migrated_db_url, tmp_path) -> World:
    """A sandbox network project, config directory and database (SQLite and PostgreSQL),
    already migrated: the first tick on an empty database is tests/frame's subject."""
    return World(sandbox, migrated_db_url, tmp_path)


@pytest.fixture
def world_lite(sandbox, tmp_path) -> World:
    """The same on SQLite only: for long rehearsals whose store use the `world` tests cover."""
    return World(sandbox, f"sqlite:///{tmp_path / 'store.sqlite3'}", tmp_path)


@pytest.fixture
def network_yaml() -> str:
    """A small network.yaml: Camden (with a champion), Hackney and Brent."""
    return NETWORK_YAML


@pytest.fixture
def cohort_yaml() -> str:
    """cohorts.yaml for one six-week cohort with a participant list and a check-in."""
    return COHORT_YAML


@pytest.fixture
def repo() -> Path:
    """The repository root (for the real templates and config)."""
    return Path(__file__).resolve().parents[2]
