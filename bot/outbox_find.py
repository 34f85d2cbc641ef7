"""Finders for the Outbox: look in Basecamp for an item the bot itself created.

Used when a write's outcome is unknown (the connection dropped after Basecamp committed) or a
previous attempt crashed after recording `pending`. Each finder matches on the bot's own
person, the target, the subject or content, and the time window, and skips items another
outbox key already owns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from bot.basecamp.richtext import html_to_text, mentioned_sgids


def _when(value: Any) -> datetime | None:
    """A timestamp from a model field (datetime, date or ISO string) as aware UTC."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if not isinstance(value, datetime):  # an all-day date
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


# Basecamp expands a mention on read-back (avatar, name); compare mentions by sgid instead.
_ATTACHMENT = re.compile(r"<bc-attachment\b[^>]*?(?:/>|>.*?</bc-attachment>)", re.I | re.S)


def _text(html: str | None) -> str:
    return _words(html_to_text(_ATTACHMENT.sub(" ", html or ""), drop_quotes=False))


def same_html(stored: str | None, sent: str | None) -> bool:
    """Whether what Basecamp stored is what the bot sent (Basecamp rewrites the HTML).

    Basecamp keeps only its allowed tags, expands each mention into a figure, and silently
    drops a mention it cannot resolve (someone who has left), so the words are compared
    without attachments, and the stored mentions need only be among those sent.
    """
    if _words(stored) == _words(sent):
        return True
    return _text(stored) == _text(sent) and set(mentioned_sgids(stored or "")) <= set(
        mentioned_sgids(sent or ""))


def _person_id(person: Any) -> int | None:
    return getattr(person, "id", None) if person is not None else None


class Finders:
    """Look-ups of the bot's own items, one per kind of create."""

    def __init__(self, client: Any, me_id: int):
        self.client = client
        self.me_id = me_id

    def _mine(self, item: Any, since: datetime, claimed: set[int], who: str = "creator") -> bool:
        if item.id in claimed:
            return False
        person_id = _person_id(getattr(item, who, None))
        if person_id is not None and person_id != self.me_id:
            return False
        created = _when(getattr(item, "created_at", None))
        return created is None or created >= since

    def _newest(self, items: Iterable[Any]) -> Any:
        # Several matches (unlikely): the newest is the one from the latest attempt.
        best = None
        for item in items:
            if best is None or (_when(item.created_at), item.id) > (
                _when(best.created_at), best.id
            ):
                best = item
        return best

    def message(self, board_id: int, subject: str, since: datetime, claimed: set[int]) -> Any:
        """The bot's message with this subject on the board, posted since `since`."""
        for msg in self.client.messages(board_id, sort="created_at", direction="desc"):
            created = _when(msg.created_at)
            if created is not None and created < since:
                return None
            if msg.subject == subject and self._mine(msg, since, claimed):
                return msg
        return None

    def comment(self, recording_id: int, content: str, since: datetime, claimed: set[int]) -> Any:
        """The bot's comment with this content on the recording."""
        # The comments list's order is not documented, so read it all (rare path).
        return self._newest(
            c for c in self.client.comments(recording_id)
            if self._mine(c, since, claimed) and same_html(c.content, content)
        )

    def boost(self, recording_id: int, content: str, since: datetime, claimed: set[int]) -> Any:
        """The bot's boost with this content on the recording."""
        return self._newest(
            b for b in self.client.boosts(recording_id)
            if self._mine(b, since, claimed, who="booster") and _words(b.content) == _words(content)
        )

    def schedule_entry(
        self, schedule_id: int, summary: str, starts_at: Any, since: datetime, claimed: set[int]
    ) -> Any:
        """The bot's entry with this summary and start on the schedule."""
        start = _when(starts_at) if not _is_plain_date(starts_at) else None
        return self._newest(
            e for e in self.client.schedule_entries(schedule_id)
            if e.summary == summary and self._mine(e, since, claimed)
            and (start is None or _when(e.starts_at) == start)
        )

    def project(self, name: str, since: datetime, claimed: set[int]) -> Any:
        """A project with this name created since `since` (projects carry no creator)."""
        return self._newest(
            p for p in self.client.projects() if p.name == name and self._mine(p, since, claimed)
        )

    def campfire_line(
        self, chat_id: int, content: str, rich: bool, since: datetime, claimed: set[int]
    ) -> Any:
        """The bot's Campfire line with this content."""
        def same(line_content: str | None) -> bool:
            if rich:
                return same_html(line_content, content)
            return _words(line_content) == _words(content)

        return self._newest(
            line for line in self.client.campfire_lines(chat_id)
            if self._mine(line, since, claimed) and same(line.content)
        )

    def question(
        self, questionnaire_id: int, title: str, since: datetime, claimed: set[int]
    ) -> Any:
        """The bot's check-in question with this title."""
        return self._newest(
            q for q in self.client.questions(questionnaire_id)
            if q.title == title and self._mine(q, since, claimed)
        )


def _is_plain_date(value: Any) -> bool:
    if isinstance(value, str):
        return "T" not in value
    return not isinstance(value, datetime)
