"""What a dry run would post, in words staff know: the subject and the start of the text.

The outbox's dry-run path hands each write it would send to `describe`, keeps the result in
`outbox.planned` (a list of `PlannedWrite`), and logs it as one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.core.reply_html import html_to_text

TEXT_CHARS = 90


@dataclass(frozen=True)
class PlannedWrite:
    """One write the real run would make."""

    key: str  # the outbox key (kept for tests and --verbose, not shown to staff first)
    kind: str
    action: str  # e.g. "post the message", "comment", "add to the Schedule"
    subject: str | None
    text: str  # the start of the text, plain

    def line(self) -> str:
        """'would post the message “Subject”: Start of the text…'"""
        what = f"would {self.action}"
        if self.subject:
            what += f" “{self.subject}”"
        return f"{what}: {self.text}" if self.text else what


ACTIONS = {
    "message": "post the message", "comment": "comment", "boost": "boost a reply with",
    "message_edit": "edit the message", "schedule_entry": "add to the Schedule",
    "schedule_entry_edit": "update in the Schedule", "project": "create the project",
    "access": "give people access to a project", "campfire_line": "say in Campfire",
    "question": "set up the check-in", "question_pause": "pause a check-in",
    "boost_delete": "take back an out-of-date boost",
}


def start_of(html: str | None, limit: int = TEXT_CHARS) -> str:
    """The first `limit` characters of rich text, as plain words on one line."""
    text = " ".join(html_to_text(html or "", drop_quotes=False).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def describe(key: str, kind: str, payload: dict[str, Any]) -> PlannedWrite:
    """A write as staff would recognise it, from the outbox payload."""
    subject = payload.get("subject") or payload.get("summary") or payload.get("name") \
        or payload.get("title")
    if kind in ("message", "message_edit", "comment", "campfire_line"):
        text = start_of(payload.get("content"))
    elif kind == "boost":
        text = str(payload.get("content") or "")
    elif kind in ("schedule_entry", "schedule_entry_edit"):
        starts = payload.get("starts_at")
        text = f"{starts:%A %-d %B %Y, %H:%M}" if hasattr(starts, "strftime") else ""
        text = " · ".join(x for x in (text, start_of(payload.get("description"))) if x)
    elif kind == "access":
        people = len(payload.get("grant") or []) + len(payload.get("create") or [])
        text = f"{people} people"
    elif kind == "project":
        text = start_of(payload.get("description"))
    else:
        text = ""
    return PlannedWrite(key, kind, ACTIONS.get(kind, kind.replace("_", " ")),
                        str(subject) if subject else None, text)
