"""Pydantic models of the Basecamp resources the bot reads.

Every model allows extra fields (Basecamp adds fields over time) and makes a field optional
wherever the real API sends null (see ../shared/basecamp/CONFORMANCE.md): person location, bio,
title and email; project description; dock tool position; check-in schedule intervals.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator


def _date_or_datetime(value: Any) -> Any:
    # All-day entries come as bare dates; pydantic alone would read them as naive midnights.
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return date.fromisoformat(value.strip())
    return value


DateOrDateTime = Annotated[datetime | date, BeforeValidator(_date_or_datetime)]


class BCModel(BaseModel):
    """Base for Basecamp payloads: unknown fields are kept, not rejected."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, defer_build=True)


class Company(BCModel):
    """A person's company."""

    id: int | None = None
    name: str


class Person(BCModel):
    """A Basecamp person (user, client or the bot itself), or one of Basecamp's own actors.

    Basecamp's system actors (LocalPerson) have non-numeric ids such as "basecamp" or
    "campfire"; like the official SDKs we read them as id 0 with the label kept in
    `system_label`, so nothing mistakes them for a member (`is_system`).
    """

    id: int
    system_label: str | None = None
    name: str
    attachable_sgid: str | None = None  # absent only in abbreviated fragments
    email_address: str | None = None
    personable_type: str | None = None
    title: str | None = None
    bio: str | None = None
    location: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    admin: bool = False
    owner: bool = False
    client: bool = False
    employee: bool = False
    time_zone: str | None = None
    avatar_url: str | None = None
    company: Company | None = None
    out_of_office: dict[str, Any] | None = None

    @model_validator(mode="before")
    @classmethod
    def _system_actor(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("id"), str) \
                and not data["id"].strip().isdigit():
            data = {**data, "id": 0, "system_label": data["id"]}
        return data

    @property
    def is_system(self) -> bool:
        """Basecamp itself (an automatic post), not a person: readers ignore it."""
        return self.system_label is not None or self.id == 0


def is_member(person: Person | None, me_id: int) -> bool:
    """A real person other than the bot (not missing, not a system actor)."""
    return person is not None and not person.is_system and person.id != me_id


class NewPerson(BCModel):
    """Someone to add to a project who has no Basecamp account yet."""

    name: str
    email_address: str
    title: str | None = None
    company_name: str | None = None


class AccessChange(BCModel):
    """Reply to a project access update."""

    granted: list[Person] = Field(default_factory=list)
    revoked: list[Person] = Field(default_factory=list)


class DockTool(BCModel):
    """One tool in a project's dock (message board, schedule, chat, ...)."""

    id: int
    name: str
    title: str | None = None
    enabled: bool = False
    position: int | None = None  # null for disabled or unplaced tools
    url: str | None = None
    app_url: str | None = None


class _Docked(BCModel):
    dock: list[DockTool] = Field(default_factory=list)

    def tool(self, name: str) -> DockTool | None:
        """The enabled dock tool with this name (e.g. "message_board"), or None."""
        for tool in self.dock:
            if tool.name == name and tool.enabled:
                return tool
        return None


class Project(_Docked):
    """A Basecamp project with its dock."""

    id: int
    name: str
    status: str | None = None
    description: str | None = None
    purpose: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    url: str | None = None
    app_url: str | None = None
    bookmark_url: str | None = None
    clients_enabled: bool | None = None


class Template(Project):
    """A project template (same shape as a project)."""


class Construction(BCModel):
    """A project being built from a template; `project` is set once completed."""

    id: int
    status: str
    url: str | None = None
    project: Project | None = None


class RecordingRef(BCModel):
    """The short form of a recording used for `parent` and boost targets."""

    id: int
    title: str | None = None
    type: str | None = None
    url: str | None = None
    app_url: str | None = None


class BucketRef(BCModel):
    """The project (bucket) a recording lives in."""

    id: int
    name: str | None = None
    type: str | None = None


class Recording(BCModel):
    """Fields common to every recording."""

    id: int
    status: str | None = None
    type: str | None = None
    title: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    url: str | None = None
    app_url: str | None = None
    bookmark_url: str | None = None
    visible_to_clients: bool | None = None
    inherits_status: bool | None = None
    parent: RecordingRef | None = None
    bucket: BucketRef | None = None
    creator: Person | None = None


class MessageBoard(Recording):
    """A project's message board."""

    messages_count: int | None = None
    messages_url: str | None = None


class Message(Recording):
    """A message on a message board."""

    subject: str
    content: str | None = None
    comments_count: int = 0
    comments_url: str | None = None
    boosts_count: int = 0
    boosts_url: str | None = None
    subscription_url: str | None = None
    category: dict[str, Any] | None = None


class Comment(Recording):
    """A comment on a recording; `content` is rich-text HTML."""

    parent: RecordingRef
    bucket: BucketRef
    creator: Person
    content: str = ""
    status: str = "active"
    created_at: datetime
    updated_at: datetime
    boosts_count: int = 0
    boosts_url: str | None = None
    app_url: str | None = None


class Event(BCModel):
    """A change to a recording."""

    id: int
    recording_id: int | None = None
    action: str
    details: dict[str, Any] = Field(default_factory=dict)
    created_at: datetime
    creator: Person | None = None
    boosts_count: int | None = None
    boosts_url: str | None = None


class Boost(BCModel):
    """A boost (short reaction) on a recording."""

    id: int
    content: str
    created_at: datetime | None = None
    booster: Person | None = None
    recording: RecordingRef | None = None


class Schedule(Recording):
    """A project's schedule."""

    include_due_assignments: bool | None = None
    entries_count: int | None = None
    entries_url: str | None = None


class ScheduleEntry(Recording):
    """An entry (event) on a schedule."""

    summary: str
    description: str | None = None
    all_day: bool = False
    starts_at: DateOrDateTime
    ends_at: DateOrDateTime
    participants: list[Person] = Field(default_factory=list)
    comments_count: int = 0
    comments_url: str | None = None
    boosts_count: int = 0
    recurrence_schedule: dict[str, Any] | None = None
    join_url: str | None = None
    highlighted: bool | None = None
    # The times exactly as Basecamp sent them: the spec asks for them back verbatim.
    starts_at_text: str | None = Field(default=None, exclude=True)
    ends_at_text: str | None = Field(default=None, exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _keep_time_text(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            for name in ("starts_at", "ends_at"):
                if isinstance(data.get(name), str):
                    data[f"{name}_text"] = data[name]
        return data

    def replacement(self, **changes: Any) -> dict[str, Any]:
        """The entry's whole writable state for a PUT, with `changes` applied.

        Basecamp's PUT replaces the entry (ReplaceScheduleEntry): a field left out is
        cleared (description, all_day...), so every update starts from this. Participants,
        join link and highlight are kept by Basecamp when omitted, so they are sent only
        when changed.
        """
        fields: dict[str, Any] = {
            "summary": self.summary,
            "starts_at": self.starts_at_text or self.starts_at,
            "ends_at": self.ends_at_text or self.ends_at,
            "description": self.description or "",
            "all_day": self.all_day,
        }
        fields.update(changes)
        return fields


class Campfire(Recording):
    """A project's Campfire (chat)."""

    topic: str | None = None
    lines_url: str | None = None
    files_url: str | None = None


class CampfireLine(Recording):
    """One line in a Campfire; uploads carry `attachments`."""

    content: str | None = None
    attachments: list[dict[str, Any]] = Field(default_factory=list)


class Questionnaire(Recording):
    """A project's automatic check-ins tool."""

    name: str | None = None
    questions_count: int | None = None
    questions_url: str | None = None


class QuestionSchedule(BCModel):
    """When a check-in question is asked; intervals are null when unused."""

    frequency: str | None = None
    days: list[int | str] = Field(default_factory=list)
    hour: int | None = None
    minute: int | None = None
    week_instance: int | None = None
    week_interval: int | None = None
    month_interval: int | None = None
    start_date: date | None = None
    duration: int | None = None
    end_date: date | None = None


class Question(Recording):
    """An automatic check-in question."""

    paused: bool = False
    schedule: QuestionSchedule | None = None
    answers_count: int | None = None
    answers_url: str | None = None


class QuestionAnswer(Recording):
    """One answer to a check-in question."""

    content: str | None = None
    group_on: date | None = None


class Webhook(BCModel):
    """A project webhook."""

    id: int
    active: bool = True
    payload_url: str
    types: list[str] = Field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    url: str | None = None
    app_url: str | None = None
    recent_deliveries: list[dict[str, Any]] = Field(default_factory=list)


class Identity(BCModel):
    """The Launchpad identity (not the Basecamp person id)."""

    id: int
    first_name: str | None = None
    last_name: str | None = None
    email_address: str | None = None


class Account(BCModel):
    """One 37signals account the token can reach."""

    product: str
    id: int
    name: str | None = None
    href: str | None = None
    app_href: str | None = None


class Authorization(BCModel):
    """Launchpad's authorization.json: who the token belongs to and its accounts."""

    expires_at: datetime | None = None
    identity: Identity
    accounts: list[Account] = Field(default_factory=list)

    def basecamp_accounts(self) -> list[Account]:
        """The Basecamp (bc3) accounts, the only ones this bot can use."""
        return [a for a in self.accounts if a.product == "bc3"]


class TokenGrant(BCModel):
    """Launchpad's token endpoint reply."""

    access_token: str
    token_type: str | None = None
    expires_in: int | None = None
    refresh_token: str | None = None

    def __repr__(self) -> str:  # never show tokens, even in a debugger or a log line
        return f"TokenGrant(token_type={self.token_type!r}, expires_in={self.expires_in!r})"

    __str__ = __repr__
