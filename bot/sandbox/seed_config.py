"""`loti-bot sandbox --seed config`: a sandbox built from the shipped config itself.

Everything the config names is there, so a rehearsal (`tick --now ...`) meets the same
Basecamp the bot will: the network project, every staff project a cohort or mentoring round
names, each cohort's Basecamp template, staff with their real emails, organisation champions
and a few invented members of every member organisation. The bot is put on every project
explicitly (a strict sandbox, like Basecamp, answers 404 on a project it is not on).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Config
    from bot.sandbox.sandbox import Sandbox

# Invented first and last names; members get one of each, deterministically per organisation.
FIRST = ("Aisha", "Bethany", "Chiara", "Deborah", "Ellen", "Fatima", "Georgia", "Hannah",
         "Imani", "Jasmine", "Kiran", "Leah", "Maya", "Nadia", "Olivia", "Priti", "Rosa",
         "Saira", "Tamsin", "Uma", "Valentina", "Wendy", "Yasmin", "Zara")
LAST = ("Khan", "Clarke", "Rossi", "Osei", "Murphy", "Hussain", "Lee", "Wright", "Adebayo",
        "Novak", "Chowdhury", "Evans", "Fernandes", "Gill", "Hughes", "Ibrahim", "Jones",
        "Kaur", "Lewis", "Mahmood", "Nwosu", "Okonjo", "Price", "Quinn")
# Job titles across the seniority ladder, so mentoring has mentors and mentees to match.
TITLES = ("Apprentice", "Data Analyst", "Senior Developer", "Product Manager",
          "Service Manager", "Head of Digital", "Assistant Director", "Director of Digital")


@dataclass
class ConfigSeed:
    """What `seed_config` put into the sandbox."""

    network_project: int
    staff_projects: dict[str, int] = field(default_factory=dict)
    templates: dict[str, int] = field(default_factory=dict)
    staff: list[int] = field(default_factory=list)
    champions: list[int] = field(default_factory=list)
    members: dict[str, list[int]] = field(default_factory=dict)  # organisation key -> ids


def invented_members(config: Config, per_org: int = 2) -> list[tuple[str, str, str, str]]:
    """(name, email, company, title) for `per_org` made-up members of every organisation."""
    people = []
    n = 0
    for org in config.network.organisations:
        domain = org.domains[0]
        for _ in range(per_org):
            first, last = FIRST[n % len(FIRST)], LAST[(n * 7 + n // len(LAST)) % len(LAST)]
            title = TITLES[n % len(TITLES)]
            people.append((f"{first} {last}", f"{first}.{last}@{domain}".lower(), org.name, title))
            n += 1
    return people


def staff_project_names(config: Config) -> list[str]:
    """Every project other than the network one that the config names, in config order."""
    names: list[str] = []
    for cohort in config.cohorts:
        if cohort.recruitment is not None and cohort.recruitment.staff_project:
            names.append(cohort.recruitment.staff_project)
    for rnd in config.mentoring:
        names += [n for n in (rnd.project, rnd.approval_project, rnd.introductions_project) if n]
    network = config.network.project.name
    return [n for i, n in enumerate(names) if n != network and n not in names[:i]]


def seed_config(sb: Sandbox, config: Config, per_org: int = 2) -> ConfigSeed:
    """Fill the sandbox with what `config` names (idempotent people; projects added once)."""
    bot = sb.state.bot_person_id
    staff = [sb.add_person(s.name, s.email, company="LOTI", title=s.role)["id"]
             for s in config.network.staff]
    champions = []
    for org in config.network.organisations:
        if org.champion:
            name = org.champion.split("@")[0].replace(".", " ").title()
            champions.append(sb.add_person(name, org.champion, company=org.name,
                                           title="Network champion")["id"])
    members: dict[str, list[int]] = {}
    for name, email, company, title in invented_members(config, per_org):
        org = config.network.organisation_for(email)
        key = org.key if org else "?"
        members.setdefault(key, []).append(sb.add_person(name, email, company, title)["id"])
    everyone = [*staff, *champions, *(i for ids in members.values() for i in ids)]
    network = sb.add_project(config.network.project.name,
                             description=f"{config.network.name} (sandbox)", people=everyone)
    sb.grant(network["id"], [bot])
    seeded = ConfigSeed(network["id"], staff=staff, champions=champions, members=members)
    for name in staff_project_names(config):
        project = sb.add_project(name, description="LOTI staff only (sandbox)", people=staff)
        sb.grant(project["id"], [bot])
        seeded.staff_projects[name] = project["id"]
    for cohort in config.cohorts:
        if cohort.template and cohort.template not in seeded.templates:
            seeded.templates[cohort.template] = sb.add_template(cohort.template)["id"]
    return seeded
