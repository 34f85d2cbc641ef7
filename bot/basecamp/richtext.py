"""Basecamp rich text: build safe HTML for posting, and read members' HTML as plain text.

Basecamp keeps only `div h1 br strong em strike a(href) pre ol ul li blockquote` plus
`<bc-attachment>`; anything else is silently dropped, so we drop it first and know what
people will see. Reading is pure and lives in `bot.core.reply_html` (the reply readers use
the same walk); it is re-exported here for the client's callers.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

import nh3

from bot.core.reply_html import (
    MENTION_TYPE,
    TextParts,
    html_to_text,
    mentioned_names,
    mentioned_sgids,
    text_parts,
)

__all__ = [
    "ALLOWED_ATTRIBUTES", "ALLOWED_TAGS", "MENTION_TYPE", "TextParts", "bullet_list",
    "clean_html", "escape", "html_to_text", "link", "mention", "mentioned_names",
    "mentioned_sgids", "text_parts", "text_to_html",
]

ALLOWED_TAGS = frozenset(
    {"div", "h1", "br", "strong", "em", "strike", "a", "pre", "ol", "ul", "li", "blockquote",
     "bc-attachment"}
)
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "bc-attachment": {"sgid", "content-type", "caption", "presentation"},
}
_DROP_WITH_CONTENT = {"script", "style", "figure", "template", "iframe", "object", "noscript"}


def escape(text: Any) -> str:
    """Escape text for inclusion in Basecamp HTML."""
    return html.escape("" if text is None else str(text), quote=True)


def text_to_html(text: str) -> str:
    """Plain text as a Basecamp div: escaped, with newlines as <br>."""
    return "<div>" + "<br>".join(escape(line) for line in str(text).split("\n")) + "</div>"


def mention(person: Any) -> str:
    """A mention of a person (a Person, or a dict with attachable_sgid)."""
    sgid = person.get("attachable_sgid") if isinstance(person, dict) else getattr(
        person, "attachable_sgid", None
    )
    if not sgid:
        raise ValueError("cannot mention someone without an attachable_sgid")
    return f'<bc-attachment sgid="{escape(sgid)}"></bc-attachment>'


def link(url: str, text: str) -> str:
    """A link; only http(s) and mailto URLs are kept."""
    if not re.match(r"^(https?:|mailto:)", url.strip(), re.IGNORECASE):
        return escape(text)
    return f'<a href="{escape(url.strip())}">{escape(text)}</a>'


def bullet_list(items: Iterable[str], *, escaped: bool = False) -> str:
    """An unordered list; items are escaped unless already HTML."""
    rows = "".join(f"<li>{item if escaped else escape(item)}</li>" for item in items)
    return f"<ul>{rows}</ul>"


def clean_html(markup: str) -> str:
    """Keep only the tags and attributes Basecamp allows (mentions collapse to their sgid)."""
    return nh3.clean(
        markup or "",
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        link_rel=None,
        url_schemes={"http", "https", "mailto"},
    )
