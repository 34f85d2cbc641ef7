"""Basecamp rich text: build safe HTML for posting, and read members' HTML as plain text.

Basecamp keeps only `div h1 br strong em strike a(href) pre ol ul li blockquote` plus
`<bc-attachment>`; anything else is silently dropped, so we drop it first and know what
people will see. Reading never raises: member replies can be broken or hostile HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import nh3

ALLOWED_TAGS = frozenset(
    {"div", "h1", "br", "strong", "em", "strike", "a", "pre", "ol", "ul", "li", "blockquote",
     "bc-attachment"}
)
ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "bc-attachment": {"sgid", "content-type", "caption", "presentation"},
}
MENTION_TYPE = "application/vnd.basecamp.mention"
_DROP_WITH_CONTENT = {"script", "style", "figure", "template", "iframe", "object", "noscript"}
_BLOCKS = {
    "div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "ol", "ul", "li", "blockquote",
    "table", "tr", "section", "article", "header", "footer", "hr",
}
_BREAK = "\x00"  # a block boundary: several in a row make one line break, unlike <br>
_SKIP_TEXT = {"script", "style", "head", "title", "template", "noscript", "iframe", "object"}


# -- writing ----------------------------------------------------------------------------


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


# -- reading ----------------------------------------------------------------------------


@dataclass
class TextParts:
    """A comment read as plain text: the member's own words, quoted text and mentions."""

    text: str
    quotes: list[str] = field(default_factory=list)
    mention_names: list[str] = field(default_factory=list)  # mentions outside quotes
    mention_sgids: list[str] = field(default_factory=list)  # every mention, quotes included
    all_mention_names: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.own: list[str] = []
        self.quotes: list[list[str]] = []
        self.quote_depth = 0
        self.skip_depth = 0
        self.pre_depth = 0
        self.mention_depth = 0  # inside an expanded mention: only the figcaption is text
        self.caption_depth = 0
        self.attachment_depth = 0
        self.caption: list[str] = []
        self.names_own: list[str] = []
        self.names_all: list[str] = []
        self.sgids: list[str] = []

    def _out(self) -> list[str]:
        return self.quotes[-1] if self.quote_depth and self.quotes else self.own

    def _write(self, text: str) -> None:
        if not self.skip_depth:
            self._out().append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TEXT:
            self.skip_depth += 1
            return
        if tag == "bc-attachment":
            attributes = dict(attrs)
            self.attachment_depth += 1
            sgid = attributes.get("sgid")
            if sgid and attributes.get("content-type") in (None, MENTION_TYPE):
                self.sgids.append(sgid)
            if attributes.get("content-type") == MENTION_TYPE:
                self.mention_depth += 1
            return
        if self.attachment_depth:
            if tag == "figcaption" and self.mention_depth:
                self.caption_depth += 1
                self.caption = []
            return
        if tag == "blockquote":
            self._write(_BREAK)
            self.quote_depth += 1
            if self.quote_depth == 1:
                self.quotes.append([])
            return
        if tag == "pre":
            self.pre_depth += 1
        if tag == "br":
            self._write("\n")
        elif tag == "li":
            self._write(_BREAK + "- ")
        elif tag in _BLOCKS:
            self._write(_BREAK)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "bc-attachment":
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)
        else:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TEXT:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "bc-attachment":
            if self.attachment_depth:
                self.attachment_depth -= 1
                if self.mention_depth:
                    self.mention_depth -= 1
            return
        if self.attachment_depth:
            if tag == "figcaption" and self.caption_depth:
                self.caption_depth -= 1
                name = " ".join("".join(self.caption).split())
                if name:
                    self.names_all.append(name)
                    if not self.quote_depth:
                        self.names_own.append(name)
                    self._write(name)
            return
        if tag == "blockquote":
            self.quote_depth = max(0, self.quote_depth - 1)
            self._write(_BREAK)
            return
        if tag == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)
        if tag in _BLOCKS:
            self._write(_BREAK)

    def handle_data(self, data: str) -> None:
        if self.caption_depth:
            self.caption.append(data)
            return
        if self.attachment_depth:
            return  # captions and file names of attachments are not the member's words
        if not self.pre_depth:
            data = re.sub(r"[ \t\r\n\f]+", " ", data)  # HTML whitespace collapses
        self._write(data)


def _tidy(chunks: list[str]) -> str:
    text = "".join(chunks).replace("\xa0", " ").replace("\u200b", "")
    out: list[str] = []
    line_start = True
    for piece in re.split(r"(\x00)", text):
        if piece == _BREAK:
            # A block boundary only ends the current line; it never adds a blank one (<br> does).
            if not line_start:
                out.append("\n")
                line_start = True
            continue
        out.append(piece)
        if stripped := piece.rstrip(" \t"):
            line_start = stripped.endswith("\n")
    text = "".join(out)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def text_parts(markup: str | None) -> TextParts:
    """Read comment HTML: own text, quoted text, and mentions (never raises)."""
    reader = _Reader()
    try:
        reader.feed(markup or "")
        reader.close()
    except Exception:  # a hostile reply must never crash a cycle; fall back to crude text
        crude = re.sub(r"<[^>]*>", " ", markup or "")
        return TextParts(text=_tidy([html.unescape(crude)]))
    quotes = [q for q in (_tidy(chunks) for chunks in reader.quotes) if q]
    return TextParts(
        text=_tidy(reader.own),
        quotes=quotes,
        mention_names=reader.names_own,
        mention_sgids=reader.sgids,
        all_mention_names=reader.names_all,
    )


def html_to_text(markup: str | None, *, drop_quotes: bool = True) -> str:
    """Plain text of comment HTML; blockquoted text is dropped unless drop_quotes=False."""
    parts = text_parts(markup)
    if drop_quotes or not parts.quotes:
        return parts.text
    quoted = "\n".join("> " + line for q in parts.quotes for line in q.split("\n"))
    return f"{quoted}\n{parts.text}".strip() if parts.text else quoted


def mentioned_names(markup: str | None) -> list[str]:
    """Names of everyone mentioned (expanded mentions), quotes included, in order."""
    return text_parts(markup).all_mention_names


def mentioned_sgids(markup: str | None) -> list[str]:
    """The sgids of everyone mentioned, in order."""
    return text_parts(markup).mention_sgids
