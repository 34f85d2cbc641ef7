"""Pydantic's validation errors in words staff know ("a list of dates, like [2027-06-17]")."""

from __future__ import annotations

import re
from typing import Any

# What a field holds, by its name, for the errors that say "wrong shape".
_LISTS = {
    "dates": "a list of dates, like [2027-06-17]",
    "nudges": "a list of dates, like [2027-01-18, 2027-01-25]",
    "domains": "a list of email domains, like [camden.gov.uk]",
    "tools": "a list of Basecamp tools, like [message_board, schedule, chat]",
    "staff": "a list of entries, each starting with '- '",
    "organisations": "a list of organisations, each starting with '- key:'",
    "events": "a list of event series, each starting with '- key:'",
    "cohorts": "a list of cohorts, each starting with '- key:'",
    "mentoring": "a list of mentoring rounds, each starting with '- key:'",
    "changes": "a list of changes, each starting with '- day:'",
    "sessions": "a list of sessions, each starting with '- number:'",
    "prompts": "a list of questions, each starting with '- '",
    "approvers": "a list of staff email addresses, like [amara@loti.london]",
    "facilitators": "a list of people, each with a name and email",
    "participants": "a list of people, each with a name and email",
}

_GENERIC = {
    "missing": "this is required but missing",
    "int_parsing": "a whole number, like 40",
    "int_type": "a whole number, like 40",
    "int_from_float": "a whole number, like 40 (no decimal point)",
    "float_parsing": "a number, like 0.5",
    "float_type": "a number, like 0.5",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "string_type": "text (put it in quotes if it looks like a number or a date)",
    "dict_type": "a section of settings, indented under this key",
    "model_type": "a section of settings, indented under this key",
    "model_attributes_type": "a section of settings, indented under this key",
    "list_type": "a list, like [a, b]",
    "tuple_type": "a list, like [a, b]",
    "date_parsing": "a date, like 2027-06-17",
    "date_type": "a date, like 2027-06-17",
    "date_from_datetime_parsing": "a date, like 2027-06-17",
    "datetime_parsing": "a date and time, like 2027-01-11 09:00",
    "datetime_type": "a date and time, like 2027-01-11 09:00",
    "time_parsing": 'a time in quotes, like "12:30"',
    "time_type": 'a time in quotes, like "12:30"',
    "extra_forbidden": "unknown key (check the spelling)",
    "url_parsing": "a web address starting with https://",
}


def plain_message(error: dict[str, Any]) -> str:
    """One pydantic error (from `err.errors()`) as a short message in everyday words."""
    kind = error["type"]
    field = next((p for p in reversed(error["loc"]) if isinstance(p, str) and "[" not in p), "")
    ctx = error.get("ctx") or {}
    if kind in ("list_type", "tuple_type") and field in _LISTS:
        return _LISTS[field]
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        words = {"greater_than": "more than", "greater_than_equal": "at least",
                 "less_than": "less than", "less_than_equal": "at most"}[kind]
        limit = next(iter(ctx.values()), "")
        return f"must be {words} {limit}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        return f"must be one of: {expected.replace(' or ', ', ')}"
    if kind == "string_pattern_mismatch":
        return "use lower-case letters, digits and hyphens only, e.g. 'lunch-and-learn'"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return "must not be empty" if least == 1 else f"needs at least {least} entries"
    if kind == "too_long":
        return f"may have at most {ctx.get('max_length')} entries"
    if kind in _GENERIC:
        return _GENERIC[kind]
    return re.sub(r"^Input should be", "should be", str(error["msg"]))
