"""Step 1, clean: the member's own words only, in one normal form (shared by both readers).

Quotes, struck-through text and mentions come out of the HTML walk (reply_html); here the
text is normalised (NFKC, no format characters, stretched letters collapsed), out-of-office
replies are recognised and signatures and email footers are cut, with ONE rule for both the
event and the mentoring reader.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.core.lazy_re import lazy
from bot.core.reply_html import parse_reply_html

MAX_TEXT = 2_000  # own words read (~350 words, far past any real reply): bounded work

# Three or more of one letter in a row is stretching ("innnn", "pleeease"): keep one.
_STRETCHED = lazy(r"([^\W\d_])\1{2,}")

OUT_OF_OFFICE = lazy(
    r"\b(?:out of (?:the )?office|automatic reply|auto-?reply|autoreply|on my return|"
    r"inbox is not (?:being )?monitored|(?:no|limited) access to (?:my )?e-?mail|"
    r"thank you for your (?:e-?mail|message)|thanks for your (?:e-?mail|message)|"
    r"i am currently (?:away|out|on leave|on annual|on maternity|on paternity|off)|"
    r"(?:will|i'll) (?:reply|respond|pick up messages|get back to you) "
    r"(?:on|when i(?:'m| am)? (?:back|return))|"
    r"for (?:anything )?urgent (?:matters|queries|enquiries)?,? please contact|"
    r"(?:will|i'll) (?:reply|respond|get back|pick up|deal with|action)(?: to)? "
    r"(?:your |all )(?:message|e-?mail)s?|"
    r"(?:on (?:annual|maternity|paternity|parental|sick|study) leave|away|out) "
    r"(?:returning|back) on|on annual leave until|ooo|"
    r"away from (?:the office|my desk) until|"
    r"(?:not|won't be|will not be) checking (?:my )?(?:messages|e-?mails?|basecamp|inbox)|"
    r"messages? will (?:not )?be (?:read|forwarded|picked up)|next working day|"
    r"(?:i'm|i am) away until)\b"
)

# A line that begins a signature or footer: everything from it on is not the answer.
SIGNATURE_LINE = lazy(
    r"^(?:-{2,}\s*|_{2,}\s*|—\s*|(?i:(?:many |kind |best |warm |warmest )?(?:thanks|thank you|"
    r"regards|wishes|cheers|best|ta|all the best|speak soon|take care|with thanks|yours|"
    r"sincerely|thx|x+))[\s,.!]*(?:[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,2})?[\s,.!xX]*)$"
)
FOOTER_LINE = lazy(
    r"^(?:sent from (?:my |outlook|mail|yahoo|gmail|samsung)|get outlook for|-{2,}|_{3,}|"
    r"confidentiality|confidential:|privacy notice|this message (?:and any|is|may)|"
    r"the information (?:in|contained in) this|on .{0,80} wrote:|from: |sent: |"
    r"this e-?mail (?:and any|is|may)|disclaimer|>)"
)
# A line that is only a name (2-3 capitalised words, maybe pronouns) starts a signature,
# unless one of its words is an ordinary word people capitalise ("Count Me In").
NAME_LINE = lazy(r"^[A-Z][a-z'-]+(?: [A-Z][a-z'-]+){1,2}(?:\s*\([a-z]+/[a-z]+\))?$")
NOT_NAME_WORDS = frozenset(
    [
        'yes', 'no', 'nope', 'yeah', 'yep', 'count', 'see', 'sign', 'please', 'thanks', 'thank',
        'sorry', 'me', 'happy', 'great', 'looking', 'absolutely', 'definitely', 'sounds', 'not',
        'good', 'lovely', 'many', 'kind', 'best', 'can', 'could', 'will', 'would', 'i', 'put',
        'add', 'book', 'go', 'why', 'oh', 'ooh', 'ah', 'hi', 'hello', 'dear', 'well', 'very', 'so',
        'really', 'just', 'the', 'a', 'my', 'you', 'in', 'up', 'down', 'out', 'for', 'to', 'of',
        'and', 'or', 'but', 'if', 'it', 'this', 'that', 'there', 'then', 'too', 'also', 'same',
        'ditto', 'keen', 'love', 'like', 'maybe', 'perhaps', 'possibly', 'hopefully', 'probably',
        'fab', 'brilliant', 'amazing', 'excellent', 'wonderful', 'super', 'cheers', 'sadly',
        'unfortunately', 'alas', 'afraid', 'on', 'board', 'mentor', 'mentee', 'mentoring', 'both',
        'topics',
    ]
)


@dataclass(frozen=True)
class Cleaned:
    """A reply reduced to what the reader needs."""

    text: str  # own words, normalised, signature cut (original case kept)
    quoted: str  # words inside quotes, normalised
    signature: str  # what was cut as signature or footer
    mention_names: tuple[str, ...]
    mention_sgids: tuple[str, ...]
    starts_with_mention: bool
    out_of_office: str  # the words that mark an auto-reply, or ""


def normal_form(text: str) -> str:
    """NFKC, no format characters (every category Cf), straight quotes, no stretching."""
    text = unicodedata.normalize("NFKC", text[:MAX_TEXT])
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    text = text.replace("“", '"').replace("”", '"')
    return _STRETCHED.sub(r"\1", text)


def _is_name_line(line: str) -> bool:
    if not NAME_LINE.match(line):
        return False
    words = re.sub(r"\(.*\)", "", line).lower().split()
    return not any(w in NOT_NAME_WORDS for w in words)


def split_signature(text: str, extra: tuple[str, ...] = ()) -> tuple[str, str]:
    """(own words, signature): cut at a sign-off, a name line or an email footer line."""
    starts = [p.strip().lower() for p in extra if p.strip()]
    lines = text.split("\n")
    kept: list[str] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        low = stripped.lower()
        if i > 0 and kept and (
            FOOTER_LINE.match(low)
            or SIGNATURE_LINE.match(stripped)
            or any(low.startswith(p) for p in starts)
            or _is_name_line(stripped)
        ):
            return "\n".join(kept).strip(), "\n".join(lines[i:])
        if stripped.count("|") >= 2:  # "Name | Job title | Borough"
            continue
        kept.append(line)
    return "\n".join(kept).strip(), ""


def out_of_office(low: str, extra: tuple[str, ...] = ()) -> str:
    """The words that mark an auto-reply in lower-cased own words, or ""."""
    found = OUT_OF_OFFICE.search(low)
    if found:
        return found.group(0)
    return next((p.lower() for p in extra if p.strip() and p.lower() in low), "")


def clean(html: str, signature_starts: tuple[str, ...] = (),
          out_of_office_words: tuple[str, ...] = ()) -> Cleaned:
    """Read a reply's HTML down to the member's own words (never raises)."""
    parsed = parse_reply_html(html)
    own = normal_form(parsed.text)
    ooo = out_of_office(own.lower(), out_of_office_words)
    text, signature = (own, "") if ooo else split_signature(own, signature_starts)
    return Cleaned(
        text=text,
        quoted=normal_form(parsed.quoted),
        signature=signature,
        mention_names=tuple(parsed.mention_names),
        mention_sgids=tuple(parsed.mention_sgids),
        starts_with_mention=parsed.starts_with_mention,
        out_of_office=ooo,
    )
