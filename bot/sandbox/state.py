"""The sandbox's data: people, projects, recordings, boosts, events, webhooks.

Plain dicts keyed by id so the whole state round-trips through a JSON file.
Callers hold the sandbox lock; timestamps are passed in (sandbox clock).
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

# Dock tool name -> (recording type, title, URL segment).
TOOLS: dict[str, tuple[str, str, str]] = {
    "message_board": ("Message::Board", "Message Board", "message_boards"),
    "todoset": ("Todoset", "To-dos", "todosets"),
    "vault": ("Vault", "Docs & Files", "vaults"),
    "chat": ("Chat::Transcript", "Chat", "chats"),
    "schedule": ("Schedule", "Schedule", "schedules"),
    "questionnaire": ("Questionnaire", "Automatic Check-ins", "questionnaires"),
    "inbox": ("Inbox", "Email Forwards", "inboxes"),
    "kanban_board": ("Kanban::Board", "Card Table", "card_tables"),
}
DEFAULT_TOOLS = ("message_board", "todoset", "vault", "chat", "schedule", "questionnaire")
_TABLES = ("people", "companies", "projects", "templates", "constructions", "recordings",
           "boosts", "events", "webhooks")


class State:
    """Everything the sandbox knows; mutate only while holding the sandbox lock."""

    def __init__(self, account_id: int = 1000001, account_name: str = "LOTI") -> None:
        self.account_id = account_id
        self.account_name = account_name
        self.next_id = 1_069_470_000
        self.people: dict[int, dict] = {}
        self.companies: dict[int, dict] = {}
        self.projects: dict[int, dict] = {}
        self.templates: dict[int, dict] = {}
        self.constructions: dict[int, dict] = {}
        self.recordings: dict[int, dict] = {}
        self.boosts: dict[int, dict] = {}
        self.events: dict[int, dict] = {}
        self.webhooks: dict[int, dict] = {}
        self.auth: dict[str, Any] = {
            "access_token": secrets.token_urlsafe(24),
            "refresh_token": secrets.token_urlsafe(24),
            "expired": False,
        }
        self.bot_person_id = 0
        self.project_limit: int | None = None
        # Signs attachable sgids (Basecamp's HMAC key); kept in the state file.
        self.secret = secrets.token_hex(16)

    # --- ids and persistence -------------------------------------------------------
    def new_id(self) -> int:
        """A fresh id, unique across every kind of object."""
        self.next_id += 1
        return self.next_id

    def to_json(self) -> dict:
        """The whole state as JSON-ready data."""
        data = {name: list(getattr(self, name).values()) for name in _TABLES}
        data.update(account_id=self.account_id, account_name=self.account_name,
                    next_id=self.next_id, auth=self.auth, bot_person_id=self.bot_person_id,
                    project_limit=self.project_limit, secret=self.secret)
        return data

    @classmethod
    def from_json(cls, data: dict) -> State:
        """Rebuild a state saved by `to_json`."""
        state = cls(data["account_id"], data.get("account_name", "LOTI"))
        for name in _TABLES:
            setattr(state, name, {int(item["id"]): item for item in data.get(name, [])})
        state.next_id = data["next_id"]
        state.auth = data["auth"]
        state.bot_person_id = data["bot_person_id"]
        state.project_limit = data.get("project_limit")
        state.secret = data.get("secret") or state.secret
        return state

    def save(self, path: Path) -> None:
        """Write atomically, so a reader never sees half a file."""
        path = Path(path)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(self.to_json(), fh, indent=1)
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path) -> State:
        """Read a state file written by `save`."""
        return cls.from_json(json.loads(Path(path).read_text(encoding="utf-8")))

    # --- people ---------------------------------------------------------------------
    def company_id(self, name: str | None) -> int | None:
        """The id of the company with this name, creating it if new."""
        if not name:
            return None
        for company in self.companies.values():
            if company["name"] == name:
                return company["id"]
        cid = self.new_id()
        self.companies[cid] = {"id": cid, "name": name}
        return cid

    def add_person(self, name: str, email: str, now: str, company: str | None = None,
                   title: str | None = None, admin: bool = False) -> dict:
        """Add a person to the account (or return the one with this email)."""
        for person in self.people.values():
            if person["email_address"].lower() == email.lower():
                return person
        pid = self.new_id()
        person = {"id": pid, "name": name, "email_address": email, "title": title,
                  "company_id": self.company_id(company), "created_at": now,
                  "updated_at": now, "admin": admin, "owner": False, "client": False,
                  "employee": False, "bio": None, "location": None,
                  "time_zone": "Europe/London"}
        self.people[pid] = person
        return person

    # --- projects and templates -----------------------------------------------------
    def active_project_count(self) -> int:
        """Projects and templates count against the same account limit."""
        items = list(self.projects.values()) + list(self.templates.values())
        return sum(1 for p in items if p["status"] == "active")

    def _dock(self, tools) -> list[dict]:
        dock = []
        position = 0
        for name in TOOLS:
            enabled = name in tools
            if enabled:
                position += 1
            dock.append({"id": self.new_id(), "name": name, "enabled": enabled,
                         "position": position if enabled else None})
        return dock

    def add_project(self, name: str, now: str, description: str | None = None,
                    tools=DEFAULT_TOOLS, creator_id: int | None = None,
                    people: list[int] | None = None) -> dict:
        """Create a project with its dock tools (each tool is a recording).

        Its people are the creator unless `people` says who is on it.
        """
        creator_id = creator_id or self.bot_person_id
        pid = self.new_id()
        project = {"id": pid, "name": name, "description": description, "status": "active",
                   "created_at": now, "updated_at": now, "dock": self._dock(tools),
                   "people": list(people) if people is not None else [creator_id]}
        self.projects[pid] = project
        for tool in project["dock"]:
            rtype, title, _ = TOOLS[tool["name"]]
            self.recordings[tool["id"]] = {
                "id": tool["id"], "type": rtype, "bucket_id": pid, "parent_id": None,
                "creator_id": creator_id, "status": "active", "created_at": now,
                "updated_at": now, "title": title, "tool": tool["name"],
                "position": tool["position"], "include_due_assignments": True}
        return project

    def add_template(self, name: str, now: str, description: str | None = None,
                     tools=DEFAULT_TOOLS) -> dict:
        """Create a project template."""
        tid = self.new_id()
        template = {"id": tid, "name": name, "description": description, "status": "active",
                    "created_at": now, "updated_at": now, "dock": self._dock(tools)}
        self.templates[tid] = template
        return template

    def can_see(self, person_id: int, project_id: int) -> bool:
        """Whether a person is on a project (Basecamp answers 404 to anyone else)."""
        project = self.projects.get(project_id)
        return project is not None and person_id in project["people"]

    def tool(self, project_id: int, name: str) -> dict | None:
        """A project's dock entry by tool name."""
        for tool in self.projects[project_id]["dock"]:
            if tool["name"] == name:
                return tool
        return None

    # --- recordings ------------------------------------------------------------------
    def add_recording(self, rtype: str, bucket_id: int, parent_id: int | None,
                      creator_id: int, now: str, **fields: Any) -> dict:
        """Create a recording and its `created` event."""
        rid = self.new_id()
        rec = {"id": rid, "type": rtype, "bucket_id": bucket_id, "parent_id": parent_id,
               "creator_id": creator_id, "status": "active", "created_at": now,
               "updated_at": now, **fields}
        self.recordings[rid] = rec
        self.add_event(rid, "created", creator_id, now)
        return rec

    def add_event(self, recording_id: int, action: str, creator_id: int, now: str,
                  details: dict | None = None) -> dict:
        """Record a change to a recording."""
        eid = self.new_id()
        event = {"id": eid, "recording_id": recording_id, "action": action,
                 "details": details or {}, "created_at": now, "creator_id": creator_id}
        self.events[eid] = event
        return event

    def children(self, parent_id: int, rtype: str, status: str | None = "active") -> list[dict]:
        """Recordings of one type under a parent, oldest first."""
        items = [r for r in self.recordings.values()
                 if r["parent_id"] == parent_id and r["type"] == rtype
                 and (status is None or r["status"] == status)]
        return sorted(items, key=lambda r: (r["created_at"], r["id"]))

    def boost_count(self, recording_id: int) -> int:
        """How many boosts a recording has."""
        return sum(1 for b in self.boosts.values() if b["recording_id"] == recording_id)

    def add_boost(self, recording_id: int, booster_id: int, content: str, now: str) -> dict:
        """Boost a recording; its updated_at stays the same (like Basecamp)."""
        bid = self.new_id()
        boost = {"id": bid, "recording_id": recording_id, "booster_id": booster_id,
                 "content": content, "created_at": now}
        self.boosts[bid] = boost
        return boost
