"""Rich text as Basecamp stores it, and attachable sgids in Basecamp's real format.

An `attachable_sgid` is a Rails SignedGlobalID: base64 of a Ruby-Marshal envelope
`{"_rails" => {"data" => "gid://bc3/Person/ID?expires_in", "pur" => "attachable"}}`, then
`--` and a 40-hex HMAC-SHA1 (decode `examples/people__get-person.json` to see it). The
official SDK reads the person id out of that envelope, so a looser format breaks its mentions.

On write Basecamp keeps only its allowed tags and expands a mention into the full
`<bc-attachment ... content-type="application/vnd.basecamp.mention"><figure>...`; an
attachment whose sgid does not verify is dropped.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Callable
from html import escape

import nh3

MENTION_TYPE = "application/vnd.basecamp.mention"
ALLOWED_TAGS = {"div", "h1", "br", "strong", "em", "strike", "a", "pre", "ol", "ul", "li",
                "blockquote", "bc-attachment"}
_ATTRIBUTES = {"a": {"href"}, "bc-attachment": {"sgid", "caption", "presentation"}}
_DROP_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "noscript", "head",
                      "title", "figure"}
_ATTACHMENT = re.compile(r"<bc-attachment\b([^>]*)>(.*?)</bc-attachment>", re.S)
_SGID_ATTR = re.compile(r'\bsgid="([^"]*)"')


def _marshal_str(text: str, first: bool) -> bytes:
    """A Ruby UTF-8 String in Marshal 4.8 (the encoding ivar `:E => true`)."""
    data = text.encode()
    if len(data) > 122:
        raise ValueError("sgid payload strings are short")
    ivar = b":\x06E" if first else b";\x00"  # the symbol E, then a link back to it
    return b'I"' + bytes([len(data) + 5]) + data + b"\x06" + ivar + b"T"


def _envelope(gid: str, purpose: str) -> bytes:
    return (b"\x04\x08{\x06" + _marshal_str("_rails", True) + b"{\x07"
            + _marshal_str("data", False) + _marshal_str(gid, False)
            + _marshal_str("pur", False) + _marshal_str(purpose, False))


def sign_sgid(secret: str, kind: str, object_id: int, purpose: str = "attachable") -> str:
    """A signed global id for an object, shaped exactly like Basecamp's."""
    payload = base64.b64encode(_envelope(f"gid://bc3/{kind}/{object_id}?expires_in",
                                         purpose)).decode()
    digest = hmac.new(secret.encode(), payload.encode(), hashlib.sha1).hexdigest()
    return f"{payload}--{digest}"


_GID = re.compile(rb"gid://bc3/([A-Za-z:]+)/(\d+)")


def verify_sgid(secret: str, sgid: str) -> tuple[str, int] | None:
    """(kind, id) of an attachable sgid this sandbox signed, or None."""
    payload, sep, digest = sgid.rpartition("--")
    if not sep:
        return None
    expected = hmac.new(secret.encode(), payload.encode(), hashlib.sha1).hexdigest()
    if not hmac.compare_digest(expected, digest):
        return None
    try:
        raw = base64.b64decode(payload, validate=True)
    except ValueError:
        return None
    found = _GID.search(raw)
    if found is None or b"attachable" not in raw:
        return None
    return found[1].decode(), int(found[2])


# (person id) -> (name, avatar URL), or None when there is no such person.
PersonLookup = Callable[[int], "tuple[str, str] | None"]


def rewrite(html: str | None, secret: str, person: PersonLookup) -> str:
    """The HTML Basecamp would store for this input."""
    cleaned = nh3.clean(html or "", tags=ALLOWED_TAGS, clean_content_tags=_DROP_WITH_CONTENT,
                        attributes={k: set(v) for k, v in _ATTRIBUTES.items()}, link_rel=None,
                        url_schemes={"http", "https", "mailto"})

    def expand(match: re.Match[str]) -> str:
        attrs = match[1]
        sgid = _SGID_ATTR.search(attrs)
        found = verify_sgid(secret, _unescape_attr(sgid[1])) if sgid else None
        if found is None:
            return ""  # Basecamp silently drops what it cannot resolve
        kind, object_id = found
        if kind != "Person":
            return f"<bc-attachment{attrs}></bc-attachment>"
        who = person(object_id)
        if who is None:
            return ""
        name, avatar = who
        return (f'<bc-attachment sgid="{sgid[1]}" content-type="{MENTION_TYPE}"><figure>'
                f'<img src="{escape(avatar)}" class="avatar" width="64" height="64">'
                f"<figcaption>{escape(name, quote=False)}</figcaption></figure></bc-attachment>")

    return _ATTACHMENT.sub(expand, cleaned)


def _unescape_attr(value: str) -> str:
    return value.replace("&amp;", "&").replace("&quot;", '"').replace("&#x27;", "'")
