"""Conditions a yes depends on, checked against the announcement ("yes if it's online")."""

from __future__ import annotations

import re

from bot.core.lazy_re import lazy
from bot.core.reader.event_cues import IN_PERSON_WORDS, ONLINE_WORDS

_TIME = lazy(
    r"\b(\d{1,2})(?::(\d\d))?\s*(am|pm)?(?:\s*[–-]\s*(\d{1,2})(?::\d\d)?\s*(am|pm))?"
)


def start_hour(ann: str) -> int | None:
    """The hour (0-23) an announced event starts, from "2–3pm", "9:30am", "12:30–13:30"."""
    for m in _TIME.finditer(ann):
        start, minutes, own, end, end_suffix = m.groups()
        hour = int(start)
        if own:
            return hour % 12 + (12 if own == "pm" else 0)
        if end_suffix:
            end_hour = int(end) % 12 + (12 if end_suffix == "pm" else 0)
            return hour + 12 if hour < 12 and hour + 12 <= end_hour else hour
        if minutes:
            return hour if hour < 24 else None
    return None


def announcement_rules_out(condition: str, announcement: str) -> bool:
    """True when the announcement plainly rules out a condition such as "if it's online"."""
    ann = announcement.lower()
    if not ann:
        return False
    condition = condition[:200]
    if ONLINE_WORDS.search(condition) and not ONLINE_WORDS.search(ann):
        return True
    if (
        re.search(r"\bin[- ]person\b|\bface[- ]to[- ]face\b", condition)
        and ONLINE_WORDS.search(ann)
        and not IN_PERSON_WORDS.search(ann)
    ):
        return True
    hour = start_hour(ann)
    if hour is not None:
        if "morning" in condition and hour >= 12:
            return True
        if "afternoon" in condition and not 12 <= hour < 18:
            return True
        if "evening" in condition and hour < 17:
            return True
    return False
