"""Resource methods for project tools: boosts, schedules, Campfire, check-ins, webhooks.

Mixed into BasecampClient, which supplies `url`, `_get`, `_list`, `_create` and `_write`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from bot.basecamp.models import (
    Boost,
    Campfire,
    CampfireLine,
    Question,
    Questionnaire,
    Schedule,
    ScheduleEntry,
    Webhook,
)

if TYPE_CHECKING:
    from bot.basecamp.paging import Paged


def check_choice(name: str, value: str | None, allowed: Iterable[str]) -> None:
    """Raise a clear ValueError when an optional parameter is not one Basecamp accepts."""
    if value is not None and value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(sorted(allowed))}, not {value!r}")


def _when(name: str, value: datetime | date | str, all_day: bool) -> str:
    """ISO 8601 for Basecamp; naive datetimes are refused (Basecamp's zone is a guess)."""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"{name} must be timezone-aware (got {value.isoformat()})")
        return value.date().isoformat() if all_day else value.isoformat()
    if isinstance(value, date):
        if not all_day:
            raise ValueError(f"{name} is a date; pass a datetime or set all_day=True")
        return value.isoformat()
    raise TypeError(f"{name} must be a datetime or date")


class ToolsMixin:
    """Boosts, schedules, Campfire, automatic check-ins and webhooks."""

    # Provided by BasecampClient.
    _get: Any
    _list: Any
    _create: Any
    _write: Any

    # -- boosts --------------------------------------------------------------------------

    def boosts(self, recording_id: int) -> Paged[Boost]:
        """Boosts on a recording."""
        return self._list(Boost, f"recordings/{int(recording_id)}/boosts.json")

    def boost(self, boost_id: int) -> Boost:
        """One boost."""
        return self._get(Boost, f"boosts/{int(boost_id)}.json")

    def create_boost(self, recording_id: int, content: str) -> Boost:
        """Boost a recording with a short reaction."""
        path = f"recordings/{int(recording_id)}/boosts.json"
        return self._create(Boost, path, {"content": content})

    def delete_boost(self, boost_id: int) -> None:
        """Remove one of the bot's boosts."""
        self._write("DELETE", f"boosts/{int(boost_id)}.json")

    # -- schedules -----------------------------------------------------------------------

    def schedule(self, schedule_id: int) -> Schedule:
        """A project's schedule."""
        return self._get(Schedule, f"schedules/{int(schedule_id)}.json")

    def schedule_entries(self, schedule_id: int, status: str | None = None) -> Paged[ScheduleEntry]:
        """Entries on a schedule."""
        check_choice("status", status, {"archived", "trashed"})
        path = f"schedules/{int(schedule_id)}/entries.json"
        return self._list(ScheduleEntry, path, status=status)

    def schedule_entry(self, entry_id: int) -> ScheduleEntry:
        """One entry (a recurring one redirects to its first occurrence)."""
        return self._get(ScheduleEntry, f"schedule_entries/{int(entry_id)}.json")

    def create_schedule_entry(
        self, schedule_id: int, summary: str, starts_at: datetime | date,
        ends_at: datetime | date, description: str | None = None,
        participant_ids: Iterable[int] | None = None, all_day: bool = False,
        notify: bool = False,
    ) -> ScheduleEntry:
        """Add an entry; datetimes must be timezone-aware."""
        body: dict[str, Any] = {
            "summary": summary,
            "starts_at": _when("starts_at", starts_at, all_day),
            "ends_at": _when("ends_at", ends_at, all_day),
            "all_day": all_day,
            "notify": notify,
        }
        if description is not None:
            body["description"] = description
        if participant_ids is not None:
            body["participant_ids"] = [int(i) for i in participant_ids]
        path = f"schedules/{int(schedule_id)}/entries.json"
        return self._create(ScheduleEntry, path, body)

    def update_schedule_entry(self, entry_id: int, **fields: Any) -> ScheduleEntry:
        """Replace an entry: send ALL of it, e.g. `**entry.replacement(participant_ids=ids)`.

        Basecamp's PUT replaces the whole entry (ReplaceScheduleEntry): a field left out is
        cleared (the description with the venue, all_day), except participant_ids, url and
        highlighted; starts_at and ends_at are required and go back verbatim.
        """
        allowed = {"summary", "starts_at", "ends_at", "description", "participant_ids",
                   "all_day", "notify", "url", "highlighted"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"unknown schedule entry fields: {', '.join(sorted(unknown))}")
        if "starts_at" not in fields or "ends_at" not in fields:
            raise ValueError("update_schedule_entry needs starts_at and ends_at (the PUT "
                             "replaces the entry: send entry.replacement(...))")
        body = dict(fields)
        all_day = bool(fields.get("all_day", False))
        for key in ("starts_at", "ends_at"):
            if key in body:
                body[key] = _when(key, body[key], all_day)
        if "participant_ids" in body:
            body["participant_ids"] = [int(i) for i in body["participant_ids"]]
        path = f"schedule_entries/{int(entry_id)}.json"
        return self._create(ScheduleEntry, path, body, method="PUT")

    # -- Campfire ------------------------------------------------------------------------

    def campfire(self, chat_id: int) -> Campfire:
        """A project's Campfire."""
        return self._get(Campfire, f"chats/{int(chat_id)}.json")

    def campfire_lines(self, chat_id: int) -> Paged[CampfireLine]:
        """Lines in a Campfire."""
        return self._list(CampfireLine, f"chats/{int(chat_id)}/lines.json")

    def create_campfire_line(self, chat_id: int, content: str, rich: bool = False) -> CampfireLine:
        """Post a line: plain text, or rich-text HTML when rich=True."""
        body = {"content": content, **({"content_type": "text/html"} if rich else {})}
        return self._create(CampfireLine, f"chats/{int(chat_id)}/lines.json", body)

    # -- automatic check-ins -------------------------------------------------------------

    def questionnaire(self, questionnaire_id: int) -> Questionnaire:
        """A project's automatic check-ins."""
        return self._get(Questionnaire, f"questionnaires/{int(questionnaire_id)}.json")

    def questions(self, questionnaire_id: int) -> Paged[Question]:
        """Check-in questions."""
        return self._list(Question, f"questionnaires/{int(questionnaire_id)}/questions.json")

    def question(self, question_id: int) -> Question:
        """One check-in question."""
        return self._get(Question, f"questions/{int(question_id)}.json")

    def create_question(self, questionnaire_id: int, title: str, schedule: dict) -> Question:
        """Add a check-in question; the body is wrapped in `question` as the docs say."""
        if not schedule.get("frequency"):
            raise ValueError("a check-in schedule needs a frequency, e.g. 'every_week'")
        path = f"questionnaires/{int(questionnaire_id)}/questions.json"
        return self._create(Question, path, {"question": {"title": title, "schedule": schedule}})

    def pause_question(self, question_id: int) -> bool:
        """Pause a question; returns the new paused flag."""
        reply = self._write("POST", f"questions/{int(question_id)}/pause.json")
        return bool((reply.data or {}).get("paused", True))

    def resume_question(self, question_id: int) -> bool:
        """Resume a paused question; returns the new paused flag."""
        reply = self._write("DELETE", f"questions/{int(question_id)}/pause.json")
        return bool((reply.data or {}).get("paused", False))

    # -- webhooks ------------------------------------------------------------------------

    def webhooks(self, project_id: int) -> Paged[Webhook]:
        """A project's webhooks (project-scoped route only)."""
        return self._list(Webhook, f"buckets/{int(project_id)}/webhooks.json")

    def webhook(self, webhook_id: int) -> Webhook:
        """One webhook with its recent deliveries."""
        return self._get(Webhook, f"webhooks/{int(webhook_id)}.json")

    def create_webhook(
        self, project_id: int, payload_url: str, types: Iterable[str] | None = None
    ) -> Webhook:
        """Register an HTTPS payload URL for the given types (default: all)."""
        if not payload_url.startswith("https://"):
            raise ValueError("payload_url must be an https:// address")
        body = {"payload_url": payload_url, "types": list(types) if types else ["all"]}
        return self._create(Webhook, f"buckets/{int(project_id)}/webhooks.json", body)

    def update_webhook(
        self, webhook_id: int, payload_url: str, types: Iterable[str] | None = None,
        active: bool | None = None,
    ) -> Webhook:
        """Change a webhook; active=True re-enables one Basecamp switched off."""
        body: dict[str, Any] = {"payload_url": payload_url}
        if types is not None:
            body["types"] = list(types)
        if active is not None:
            body["active"] = active
        return self._create(Webhook, f"webhooks/{int(webhook_id)}.json", body, method="PUT")

    def delete_webhook(self, webhook_id: int) -> None:
        """Remove a webhook."""
        self._write("DELETE", f"webhooks/{int(webhook_id)}.json")
