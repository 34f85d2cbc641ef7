"""A rehearsal harness for mentoring rounds: a sandbox network, config files, fresh cycles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mentoring_helpers import REPO

from tests.support.world import NETWORK, SandboxWorld

STAFF_PROJECT = "LOTI staff"
ORGS = {"camden": "Camden", "hackney": "Hackney", "brent": "Brent", "enfield": "Enfield",
        "sutton": "Sutton"}  # fmt: skip
NETWORK_YAML = f"""\
name: {NETWORK}
project:
  name: {NETWORK}
staff:
  - name: Amara Okafor
    email: amara.okafor@loti.london
    role: Network lead
  - name: Priya Raman
    email: priya.raman@loti.london
    role: Mentoring coordinator
organisations:
""" + "".join(f"  - key: {k}\n    name: {v}\n    domains: [{k}.gov.uk]\n" for k, v in ORGS.items())


def round_yaml(key: str = "test-round", **fields: Any) -> str:
    """config/mentoring.yaml: the shipped round's vocabulary with these dates and options."""
    shipped = (REPO / "config" / "mentoring.yaml").read_text()
    _, _, tail = shipped.partition("    topics: &topics")
    lines = ["mentoring:", f"  - key: {key}", f"    title: Mentoring round {key}"]
    lines += [f"    {k}: {v}" for k, v in fields.items()]
    return "\n".join(lines) + "\n    topics: &topics" + tail


class World(SandboxWorld):
    """The network and staff projects in a sandbox, a config directory and a database."""

    def __init__(self, sandbox: Any, db_url: str, tmp_path: Path):
        super().__init__(sandbox, db_url, tmp_path, NETWORK_YAML)
        self.project = sandbox.add_project(NETWORK)
        self.staff_project = sandbox.add_project(STAFF_PROJECT)
        self.amara = sandbox.add_person("Amara Okafor", "amara.okafor@loti.london", "LOTI")
        self.priya = sandbox.add_person("Priya Raman", "priya.raman@loti.london", "LOTI")
        sandbox.grant(self.staff_project["id"], [self.amara["id"], self.priya["id"]])

    def member(self, name: str, org: str, title: str | None = None) -> dict:
        """A member of the network project."""
        email = f"{name.split()[0].lower()}.{name.split()[-1].lower()}@{org}.gov.uk"
        person = self.sb.add_person(name, email, ORGS[org], title)
        self.sb.grant(self.project["id"], [person["id"]])
        return person

    def write_round(self, key: str = "test-round", **fields: Any) -> None:
        self.write("mentoring.yaml", round_yaml(key, **fields))

    def bot_boosts(self) -> list[dict]:
        me = self.sb.bot_person["id"]
        with self.sb.lock:
            return [dict(b) for b in self.sb.state.boosts.values() if b["booster_id"] == me]
