"""Seed data for the demo: a small network of London borough digital leaders."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.sandbox.sandbox import Sandbox

DEMO_PEOPLE = (
    ("Amara Okafor", "amara.okafor@camden.gov.uk", "Camden Council", "Head of Digital"),
    ("Beth Morgan", "beth.morgan@hackney.gov.uk", "Hackney Council", "Product Lead"),
    ("Chloe Patel", "chloe.patel@islington.gov.uk", "Islington Council", "Data Manager"),
    ("Dana Kowalski", "dana.kowalski@lambeth.gov.uk", "Lambeth Council", "CDIO"),
    ("Esi Mensah", "esi.mensah@southwark.gov.uk", "Southwark Council", "Service Designer"),
    ("Fatima Rahman", "fatima.rahman@towerhamlets.gov.uk", "Tower Hamlets Council",
     "Digital Inclusion Lead"),
)
STAFF = ("Grace Lee", "grace.lee@loti.london", "LOTI", "Programme Manager")


def seed(sb: Sandbox, name: str = "demo") -> dict:
    """Fill the sandbox with people, the network project and a cohort template."""
    if name != "demo":
        raise ValueError(f"unknown seed {name!r} (known: demo)")
    staff = sb.add_person(*STAFF)
    members = [sb.add_person(*person) for person in DEMO_PEOPLE]
    project = sb.add_project("Women's Digital Leaders Network",
                             description="LOTI's network for women leading digital in London",
                             people=[staff["id"], *(m["id"] for m in members)])
    template = sb.add_template("WDLN cohort", tools=("message_board", "schedule", "chat"))
    return {"staff": staff["id"], "members": [m["id"] for m in members],
            "project": project["id"], "template": template["id"]}
