"""Turn a comment's rich-text HTML into the replier's own words (pure, stdlib only).

Quotes (blockquotes), struck-through text, mentions and attachments are set aside; the
result keeps line breaks so signatures and email footers can be found line by line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

MAX_HTML_CHARS = 50_000  # a reply longer than this is cut: bounded work for hostile input
MENTION_TOKEN = "@person"  # what a mention becomes in the replier's text

_BLOCK_TAGS = {
    "div",
    "p",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "pre",
    "tr",
    "table",
    "figure",
    "hr",
}
_SKIP_TAGS = {"script", "style", "del", "s", "strike", "head", "title", "template"}


@dataclass
class ParsedReply:
    """The parts of a reply the reader cares about."""

    text: str = ""  # the replier's own words, with line breaks
    quoted: str = ""  # text inside blockquotes
    mention_names: list[str] = field(default_factory=list)
    mention_sgids: list[str] = field(default_factory=list)
    starts_with_mention: bool = False


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.own: list[str] = []
        self.quoted: list[str] = []
        self.quote_depth = 0
        self.skip_depth = 0
        self.mention_depth = 0  # inside a mention attachment
        self.other_attachment_depth = 0
        self.in_caption = False
        self.caption: list[str] = []
        self.names: list[str] = []
        self.sgids: list[str] = []
        self.own_words_before_first_mention = False

    def _sink(self) -> list[str]:
        return self.quoted if self.quote_depth else self.own

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
            return
        if tag == "blockquote":
            self.quote_depth += 1
            self._sink().append("\n")
            return
        if tag == "bc-attachment":
            values = {k.lower(): (v or "") for k, v in attrs}
            if "mention" in values.get("content-type", ""):
                self.mention_depth += 1
                self.caption = []
                if not self.quote_depth and not self.skip_depth:
                    self.sgids.append(values.get("sgid", ""))
            else:
                self.other_attachment_depth += 1
            return
        if tag == "figcaption" and self.mention_depth:
            self.in_caption = True
            return
        if tag in _BLOCK_TAGS and not (self.mention_depth or self.other_attachment_depth):
            self._sink().append("\n")

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag in _SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "blockquote":
            self.quote_depth = max(0, self.quote_depth - 1)
            self._sink().append("\n")
            return
        if tag == "figcaption":
            self.in_caption = False
            return
        if tag == "bc-attachment":
            if self.mention_depth:
                self.mention_depth -= 1
                self._emit_mention()
            elif self.other_attachment_depth:
                self.other_attachment_depth -= 1
            return
        if tag in _BLOCK_TAGS and not (self.mention_depth or self.other_attachment_depth):
            self._sink().append("\n")

    def _emit_mention(self) -> None:
        if self.skip_depth:
            return
        name = " ".join("".join(self.caption).split())
        sink = self._sink()
        if not self.quote_depth:
            self.names.append(name)
        sink.append(f" {MENTION_TOKEN} ")

    def handle_data(self, data: str) -> None:
        if self.skip_depth or self.other_attachment_depth:
            return
        if self.mention_depth:
            if self.in_caption:
                self.caption.append(data)
            return
        if not self.quote_depth and not self.names and data.strip():
            self.own_words_before_first_mention = True
        self._sink().append(data)


def _tidy(parts: list[str]) -> str:
    text = "".join(parts).replace("\xa0", " ").replace("\u200b", "")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def parse_reply_html(html: str) -> ParsedReply:
    """Split a comment's HTML into own words, quoted words and mentions; never raises."""
    parser = _Parser()
    try:
        parser.feed((html or "")[:MAX_HTML_CHARS])
        parser.close()
    except Exception:  # HTMLParser is lenient, but a reply must never crash a cycle
        pass
    own = _tidy(parser.own)
    return ParsedReply(
        text=own,
        quoted=_tidy(parser.quoted),
        mention_names=parser.names,
        mention_sgids=[s for s in parser.sgids if s],
        starts_with_mention=own.startswith(MENTION_TOKEN),
    )
