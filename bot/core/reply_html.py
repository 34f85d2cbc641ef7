"""Read comment HTML (pure, stdlib only): the writer's own words, quotes and mentions.

One walker knows Basecamp rich text: a `<blockquote>` is a quote, a `<bc-attachment>` with a
mention content type is a person (its `<figcaption>` is the name), other attachments are not
text, and script-like tags are never text. It gives two readings of the same walk:

- `text_parts` / `html_to_text`: plain text for people and for comparing posts (list items as
  "- " lines, mentions as names); `bot.basecamp.richtext` re-exports them.
- `parse_reply_html`: the reply readers' view: struck-through text is dropped, a mention is
  `@person`, and every paragraph is its own line so signatures and footers can be found.

Reading never raises: member replies can be broken or hostile HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

MAX_HTML_CHARS = 50_000  # a reply longer than this is cut: bounded work for hostile input
# The readers stop after this many characters of text (a tag counts as 8): far past any real
# reply, quotes included, and bounded work for tag soup.
READ_BUDGET = 12_000
MENTION_TOKEN = "@person"  # what a mention becomes in the replier's text
MENTION_TYPE = "application/vnd.basecamp.mention"

_BLOCKS = {
    "div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "ol", "ul", "li", "table", "tr",
    "section", "article", "header", "footer", "figure", "hr",
}
_VOID = {"br", "hr", "img"}  # `<br/>` is one break, not an opening and a closing
_HIDDEN = frozenset({"script", "style", "head", "title", "template", "noscript", "iframe",
                     "object"})
_STRUCK = frozenset({"del", "s", "strike"})  # words the replier took back
_SPACE = re.compile(r"[ \t\r\n\f]+")  # HTML white space (not \xa0)
_BREAK = "\x00"  # a block boundary: several in a row make one line break, unlike <br>

# What the walk writes: (kind, text). Text kinds carry the words; the others mark structure.
_TEXT, _PRE, _MENTION = "text", "pre", "mention"  # _MENTION carries the person's name
_BR, _BLOCK, _ITEM, _QUOTE = "br", "block", "item", "quote"  # _QUOTE: where a quote stood
_Piece = tuple[str, str]


@dataclass
class _Mention:
    sgid: str
    quoted: bool
    expanded: bool  # Basecamp's stored form (mention content type), not a bare sgid
    name: str | None = None  # an expanded mention's figcaption, once the mention has ended


class _Enough(Exception):
    """The reader has read as much of a reply as it will use."""


class _Walker(HTMLParser):
    def __init__(self, hidden: frozenset[str], budget: int | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = hidden
        self.budget = budget  # tags and characters still to read; None: no limit
        self.own: list[_Piece] = []
        self.quotes: list[list[_Piece]] = []  # one per top-level blockquote
        self.mentions: list[_Mention] = []
        self.quote_depth = 0
        self.hidden_depth = 0
        self.pre_depth = 0
        self.attachments: list[_Mention | None] = []  # open ones; None: not an expanded mention
        self.caption_depth = 0
        self.caption: list[str] = []

    def _sink(self) -> list[_Piece]:
        return self.quotes[-1] if self.quote_depth else self.own

    def _in_mention(self) -> bool:
        return any(self.attachments)

    def _spend(self, cost: int) -> None:
        if self.budget is not None:
            self.budget -= cost
            if self.budget < 0:
                raise _Enough

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._spend(8)  # a tag costs like a few words: bounded work for tag soup
        if tag in self.hidden:
            self.hidden_depth += 1
        elif tag == "bc-attachment":
            self._open_attachment(dict(attrs))
        elif self.attachments:
            if tag == "figcaption" and self._in_mention():
                self.caption_depth += 1
        elif tag == "blockquote":
            if self.quote_depth:
                self.quotes[-1].append((_BLOCK, ""))
            else:
                self.own.append((_QUOTE, ""))
                self.quotes.append([])
            self.quote_depth += 1
        else:
            if tag == "pre":
                self.pre_depth += 1
            if tag == "br":
                self._sink().append((_BR, ""))
            elif tag == "li":  # a hidden item still ends a line, but has no bullet
                self._sink().append((_BLOCK if self.hidden_depth else _ITEM, ""))
            elif tag in _BLOCKS:
                self._sink().append((_BLOCK, ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.hidden:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag == "bc-attachment":
            if self.attachments and (mention := self.attachments.pop()):
                self._close_mention(mention)
        elif self.attachments:
            if tag == "figcaption" and self.caption_depth:
                self.caption_depth -= 1
        elif tag == "blockquote":
            if not self.quote_depth:  # a stray end tag
                self.own.append((_BLOCK, ""))
                return
            self.quote_depth -= 1
            if self.quote_depth:  # the end of a nested quote
                self.quotes[-1].append((_BLOCK, ""))
        else:
            if tag == "pre":
                self.pre_depth = max(0, self.pre_depth - 1)
            if tag in _BLOCKS:
                self._sink().append((_BLOCK, ""))

    def handle_data(self, data: str) -> None:
        if self.budget is not None and len(data) > self.budget:
            self._handle_data(data[: max(0, self.budget)])  # keep what fits, then stop
            raise _Enough
        self._spend(len(data))
        self._handle_data(data)

    def _handle_data(self, data: str) -> None:
        if self.hidden_depth:
            return
        if self.attachments:  # captions and file names of attachments are not the words
            if self.caption_depth and self._in_mention():
                self.caption.append(data)
            return
        self._sink().append((_PRE if self.pre_depth else _TEXT, data))

    def _open_attachment(self, attributes: dict[str, str | None]) -> None:
        kind = attributes.get("content-type")
        mention = None
        if not self.hidden_depth and (kind is None or "mention" in kind):
            mention = _Mention(attributes.get("sgid") or "", bool(self.quote_depth),
                               expanded=kind is not None)
            self.mentions.append(mention)
            self.caption = []
        # A bare sgid (how the bot writes a mention) has nothing inside it to read.
        self.attachments.append(mention if mention and mention.expanded else None)

    def _close_mention(self, mention: _Mention) -> None:
        mention.name = " ".join("".join(self.caption).split())
        self._sink().append((_MENTION, mention.name))


def _walk(markup: str, hidden: frozenset[str], budget: int | None = None
          ) -> tuple[_Walker, bool]:
    """Walk the HTML; also say whether the parser gave up part-way (keeping what came before)."""
    walker = _Walker(hidden, budget)
    broken = False
    try:
        walker.feed(markup)
        walker.close()
    except _Enough:  # the reader has what it will use; the rest is not read
        pass
    except Exception:  # HTMLParser gives up on some `<![` soup; a reply must never crash a cycle
        broken = True
    return walker, broken


# -- plain text -------------------------------------------------------------------------


@dataclass
class TextParts:
    """A comment read as plain text: the member's own words, quoted text and mentions."""

    text: str
    quotes: list[str] = field(default_factory=list)
    mention_names: list[str] = field(default_factory=list)  # mentions outside quotes
    mention_sgids: list[str] = field(default_factory=list)  # every mention, quotes included
    all_mention_names: list[str] = field(default_factory=list)


_PLAIN_MARKS = {_BR: "\n", _BLOCK: _BREAK, _QUOTE: _BREAK, _ITEM: _BREAK + "- "}


def _plain(pieces: list[_Piece]) -> str:
    chunks = [
        _SPACE.sub(" ", text) if kind == _TEXT
        else text if kind in (_PRE, _MENTION)
        else _PLAIN_MARKS[kind]
        for kind, text in pieces
    ]
    return _tidy_plain(chunks)


def _tidy_plain(chunks: list[str]) -> str:
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
    lines = [" ".join(line.split()) for line in "".join(out).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def text_parts(markup: str | None) -> TextParts:
    """Read comment HTML: own text, quoted text, and mentions (never raises)."""
    walker, broken = _walk(markup or "", _HIDDEN)
    if broken:  # fall back to crude text rather than lose the words after the fault
        crude = re.sub(r"<[^>]*>", " ", markup or "")
        return TextParts(text=_tidy_plain([unescape(crude)]))
    named = [m.name for m in walker.mentions if m.name]
    return TextParts(
        text=_plain(walker.own),
        quotes=[q for q in map(_plain, walker.quotes) if q],
        mention_names=[m.name for m in walker.mentions if m.name and not m.quoted],
        mention_sgids=[m.sgid for m in walker.mentions if m.sgid],
        all_mention_names=named,
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


# -- the reply readers' view ------------------------------------------------------------


@dataclass
class ParsedReply:
    """The parts of a reply the reader cares about."""

    text: str = ""  # the replier's own words, with line breaks
    quoted: str = ""  # text inside blockquotes
    mention_names: list[str] = field(default_factory=list)
    mention_sgids: list[str] = field(default_factory=list)
    starts_with_mention: bool = False


def _words(pieces: list[_Piece]) -> str:
    text = "".join(
        text if kind in (_TEXT, _PRE) else f" {MENTION_TOKEN} " if kind == _MENTION else "\n"
        for kind, text in pieces
    ).replace("\xa0", " ").replace("\u200b", "")
    out: list[str] = []
    for line in (" ".join(line.split()) for line in text.split("\n")):
        if line or (out and out[-1]):  # at most one blank line in a row
            out.append(line)
    return "\n".join(out).strip()


def parse_reply_html(html: str) -> ParsedReply:
    """Split a comment's HTML into own words, quoted words and mentions; never raises."""
    walker, _ = _walk((html or "")[:MAX_HTML_CHARS], _HIDDEN | _STRUCK, READ_BUDGET)
    own = _words(walker.own)
    mine = [m for m in walker.mentions if m.expanded and not m.quoted]
    return ParsedReply(
        text=own,
        quoted=_words([p for quote in walker.quotes for p in ((_BLOCK, ""), *quote)]),
        mention_names=[m.name for m in mine if m.name is not None],
        mention_sgids=[m.sgid for m in mine if m.sgid],
        starts_with_mention=own.startswith(MENTION_TOKEN),
    )
