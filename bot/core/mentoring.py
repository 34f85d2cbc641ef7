"""Mentoring reply reader: what a member's replies to a mentoring call say, as plain data.

Pure: no I/O, no clock, no settings. The topic vocabulary and seniority levels come in as
plain data (built from config/mentoring.yaml by the job or command).

Reading works clause by clause on the reply's own words (quotes, signatures and
out-of-office text removed): role cues ("happy to mentor", "I'd like a mentor", "mentee
please", "both"), cues that belong to someone else ("you'd be a great mentor"), negations
("not looking for a mentor", "I'm no expert in AI"), questions, withdrawals and changes of
mind. `read_replies` folds one person's replies (edits already applied) into the end state.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from bot.core.reply_html import parse_reply_html

ROLES = ("mentor", "mentee", "both", "none")
MAX_CAPACITY = 5  # nobody realistically mentors more; guards against "happy to take 100"
MAX_TEXT = 4000  # a reply is read up to here: bounded work for hostile input

# ---------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class Vocabulary:
    """Topic names with their synonyms, and seniority levels (most junior first) with theirs."""

    topics: Mapping[str, Sequence[str]]
    levels: Sequence[tuple[str, Sequence[str]]] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_topic_res", _compile(self.topics.items()))
        object.__setattr__(self, "_level_res", _compile(self.levels))


def _phrase_re(phrase: str) -> str:
    """Turn a staff-written phrase into a regex: `*` ends a word freely, `...` skips <=4 words."""
    parts = []
    for word in phrase.lower().split():
        if word == "...":
            parts.append(r"(?:\S+\s+){0,4}?")
            continue
        star = word.endswith("*")
        core = re.escape(word.rstrip("*"))
        parts.append(core + (r"[\w'-]*" if star else "") + r"\s+")
    body = "".join(parts)
    body = body[: -len(r"\s+")] if body.endswith(r"\s+") else body
    return r"(?<![\w-])" + body + r"(?![\w-])"


def _compile(items: Iterable[tuple[str, Sequence[str]]]) -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for name, synonyms in items:
        phrases = sorted({name, *synonyms}, key=len, reverse=True)
        out.append((name, re.compile("|".join(_phrase_re(p) for p in phrases))))
    return out


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class ReplyReading:
    """What one reply says on its own."""

    intent: str  # signup | topics | withdraw | decline | question | thanks | out_of_office | other
    roles: frozenset[str] = frozenset()  # subset of {"mentor", "mentee"}
    replaces: bool = False  # a change of mind: this reply's roles replace earlier ones
    offers: tuple[str, ...] = ()  # topics offered as a mentor
    wants: tuple[str, ...] = ()  # topics wanted as a mentee
    unassigned: tuple[str, ...] = ()  # topics with no role cue nearby
    excluded: tuple[str, ...] = ()  # topics ruled out ("no expert in AI", "not cloud")
    capacity: int | None = None
    seniority: str | None = None
    preferences: tuple[str, ...] = ()


@dataclass(frozen=True)
class MentoringReading:
    """The end state of one person's replies, as the round records it."""

    role: str = "none"
    offers: tuple[str, ...] = ()
    wants: tuple[str, ...] = ()
    capacity: int = 0  # mentoring places offered; 0 unless the role includes mentor
    seniority: str | None = None
    preferences: tuple[str, ...] = ()
    intents: tuple[str, ...] = field(default=())

    @property
    def topics(self) -> tuple[str, ...]:
        """Every topic asked for or offered, in first-seen order."""
        return tuple(dict.fromkeys(self.offers + self.wants))

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form for the CLI and the store."""
        return {
            "role": self.role,
            "topics": list(self.topics),
            "capacity": self.capacity,
            "offers": list(self.offers),
            "wants": list(self.wants),
            "seniority": self.seniority,
            "preferences": list(self.preferences),
            "intents": list(self.intents),
        }


# ---------------------------------------------------------------- HTML to the replier's own text


_SAME = re.compile(r"^\W*(?:me too|same|same here|same please|ditto|\+1|i would|i'd like that too|"
                   r"and me|likewise|yes please|same for me)\W*$", re.I)


def reply_text(html: str) -> str:
    """The replier's own words: no quotes or struck text, mentions as "@person", one line per block.

    A bare "me too" / "+1" under a quote means the quote, so the quote is read instead."""
    parsed = parse_reply_html(html)
    text = parsed.text
    if parsed.quoted and _SAME.match(" ".join(text.split())):
        text = parsed.quoted
    lines = text.split("\n")
    return "\n".join(ln for ln in lines if ln.strip() and not ln.lstrip().startswith(">"))


_SIGN_OFF = re.compile(
    r"^(thanks|thank you|many thanks|best|best wishes|kind regards|regards|warm regards|"
    r"cheers|all the best|sent from my \w+)[,!.]?$",
    re.I,
)


def split_signature(text: str) -> tuple[str, str]:
    """Split off a sign-off line ("Thanks,") and everything after it, or an email footer."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if i and (_SIGN_OFF.match(line.strip()) or line.strip() in ("--", "-- ")):
            return "\n".join(lines[:i]), "\n".join(lines[i:])
    return text, ""


# ---------------------------------------------------------------- cue patterns

_NUM = {
    "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a few": 3, "several": 3, "a pair of": 2,
}  # fmt: skip
_NUM_RE = r"(\d{1,3}|one|two|three|four|five|six|a couple(?: of)?|couple of|a few|several|a|an)"
_CAPACITY = [
    re.compile(
        r"\b(?:take|taking|take on|mentor|mentoring|support|supporting|have|room for|capacity for|"
        r"space for|up to|manage|handle|work with)\s+(?:on\s+|up to\s+|with\s+)?" + _NUM_RE
        + r"\s+(?:people|persons|mentees|folk|others|of you|colleagues|women)\b"
    ),
    re.compile(r"\b(?:up to|capacity for|room for|space for|take on|take)\s+(\d{1,3}|two|three|four|five|six)\b"),
    re.compile(r"\b(\d{1,3}|two|three|four|five|six)\s+mentees\b"),
    re.compile(r"\bmore than one\b()"),
]  # fmt: skip

_FIRST = r"(?:i|i'm|i'd|i'll|i've|me|my|myself|we|us|our)"
_OTHER = r"(?:you|you'd|you'll|you're|your|she|she'd|she's|he|he'd|he's|they|they'd|they're|" \
    r"her|his|their|colleague|colleagues|@person|someone in my team|my team)"
_SUBJECT = re.compile(r"(?<![\w'])(" + _FIRST + "|" + _OTHER + r")(?![\w'])")
_FIRST_RE = re.compile(_FIRST + "$")

_BOTH = [
    re.compile(r"\b(?:mentor|mentoring)\s*(?:and|&|/|\+|or)\s*(?:a\s+)?mentee\b"),
    re.compile(r"\bmentee\s*(?:and|&|/|\+|or)\s*(?:a\s+)?mentor\b"),
    re.compile(r"\beither(?:\s+(?:or|role|way))?\b(?!\s+\w+\s+or\b)"),
    re.compile(
        r"(?<!you )(?<!thank you )(?<!thanks )(?<!to you )\bboth\b"
        r"(?!\s+of\b)(?!\s+\w+(?:\s+\w+)?\s+(?:and|&)\b)(?!\s+(?:topics|areas|subjects)\b)"
    ),
]
_MENTOR = [
    re.compile(r"\b(?:be|become|being|as|join as)\s+(?:a|an)\s+(?:[a-z]+\s+){0,2}?mentors?\b"),
    re.compile(r"\b(?:be|join|sign\w* up|count me in|put me down|down)\s+as\s+mentors?\b"),
    re.compile(
        r"(?:\b(?:to|can|could|will|would|rather|gladly|happily|also|i|and|then)|'ll|'d)\s+"
        r"(?:also\s+|definitely\s+|happily\s+|gladly\s+|still\s+)?mentor\b(?!\s+(?:me|us|for me)\b)"
    ),
    re.compile(r"\b(?:offer|offering|provide|providing|give|giving|do|doing)\s+(?:some\s+)?mentoring\b"),
    re.compile(r"\bgive (?:something |a bit )?back\b|\bpay it forward\b|\bshare my (?:experience|knowledge)\b"),
    re.compile(r"\bi (?:can|could) (?:\w+ )?(?:help|support|offer)\b|\bhappy to (?:help|support)\b"),
    re.compile(r"\bi know [\w ]{2,40}? well\b"),
    re.compile(r"\b(?:take|taking|take on|have room for|support|supporting)\s+(?:on\s+)?(?:up to\s+)?"
               r"(?:a|one|two|three|four|five|\d+|a couple of|a few)\s+(?:people|mentees?|persons|folk)\b"),
    re.compile(r"\bmentoring (?:others|someone|somebody|people|colleagues|a mentee|newer)\b"),
    re.compile(r"^(?:as a )?(?:mentoring|mentor|offering)\s*[:\-–—]"),  # "Mentoring: line management"
]  # fmt: skip
_MENTEE = [
    re.compile(r"\b(?:be|being|get|getting)\s+mentored\b"),
    re.compile(r"\bmentor\s+(?:me|us)\b|\bmentoring for me\b"),
    re.compile(
        r"\b(?:like|love|want|need|have|having|get|getting|find|benefit from|appreciate|welcome|use|value|"
        r"with|for|after|keen on|interested in|looking for|request|requesting|assign me|pair me with)"
        r"\s+(?:\w+\s+)?(?:a|an|one|my own)\s+(?:[a-z]+\s+)?mentor\b"
    ),
    re.compile(r"\b(?:like|love|want|need|get|receive|have)\s+(?:some\s+)?mentoring\b"),
    re.compile(r"\bmentee\b"),
    re.compile(r"\b(?:want|like|love|keen|hoping|hope) to (?:learn|get better|develop|improve|grow)\b"),
    re.compile(r"\b(?:sounding board|someone to talk (?:things )?through|some support|help me)\b"),
    re.compile(r"\b(?:pair|match|link|partner|team|put) me (?:up )?with\b"),
    re.compile(r"\b(?:looking for|love|like|need|want|appreciate) (?:someone|somebody) (?:who|with|to)\b"),
]  # fmt: skip
_BARE_MENTOR = re.compile(r"(?<!\ba )(?<!\ban )(?<!\bthe )(?<!\bmy )(?<!\bone )(?<!\byour )\bmentor\b(?!s)")
_LIKE_ONE = re.compile(r"\b(?:like|love|want|need|have|benefit from)\s+one\b")  # "I'd like one"

_NEGATION = re.compile(
    r"(?:\b(?:not|no|never|nor|without|neither|hardly)\b|n't\b|\bcannot\b|\btoo \w+ to\b)"
)
_NOT_NEGATION = re.compile(r"\b(?:can't wait|not only|no doubt|not just|never mind)\b")
_TOPIC_NEGATION = re.compile(
    r"(?:\b(?:not|no|except|apart from|other than|but not|rather than|instead of|anything but|"
    r"never|nothing on|nothing about)\b|n't\b)[\w\s']{0,24}$"
)
_EXPERTISE_NEG = re.compile(
    r"\b(?:no expert|not an expert|not (?:really )?my (?:area|thing|strength)|know (?:very )?little|"
    r"(?:don't|do not) know (?:much|enough|anything)|not (?:confident|experienced)|little experience)\b"
)

_OOO = re.compile(
    r"\b(?:automatic reply|auto[- ]?reply|out of (?:the )?office|ooo|on annual leave until|"
    r"away from (?:the office|my desk) until|limited access to (?:my )?e-?mail)\b"
)
_WITHDRAW = re.compile(
    r"\b(?:withdraw\w*|pull(?:ing)? out|drop(?:ping)? out|take me off|remove me|count me out|"
    r"bow(?:ing)? out|step(?:ping)? back|no longer (?:able|available|want|need)|"
    r"can(?:'t| ?not) (?:do it|take part|commit|make it)(?: any ?more| after all)?|"
    r"won't be able to (?:take part|do it|mentor|commit)|(?:un|de)-?register|cancel my)\b"
)
_DECLINE = re.compile(
    r"\b(?:not (?:this|for me this) (?:round|time|year)|not for me|no thanks|no thank you|"
    r"sit (?:this|it) out|give (?:it|this one) a miss|pass (?:on )?this (?:time|round)|too much on)\b"
)
_REPLACE = re.compile(
    r"\b(?:rather|instead|wrong way round|changed? my mind|on second thoughts|scratch that|"
    r"correction|only as|just as|switch me|change of plan|make (?:it|that) (?:a )?(?:mentor|mentee))\b"
)
_THANKS = re.compile(r"\b(?:thanks|thank you|brilliant|great|lovely|love this|fab|amazing)\b")
_PAST = re.compile(r"\b(?:i|i've|i have)\s+(?:was |been |have been )?(?:mentored|a mentor|a mentee)\b"
                   r"|\bi was (?:a )?(mentee|mentor)\w*\b|\bwas mentored\b")
_AGAIN = re.compile(r"\b(?:go|do (?:it|this)|same) again\b|\bagain this (?:year|round|time)\b|"
                    r"\bsame (?:as|again)\b.*\blast (?:year|round|time)\b")
_SELF_ASK = re.compile(r"\b(?:could|can|may|might|would it be possible for) (?:i|you pair me|you match me)\b"
                       r"|\bis it (?:ok|okay|possible) (?:if|for) (?:i|me)\b|\bplease\b"
                       r"|\b(?:mentor|match|pair|sign|put|add) me\b")  # fmt: skip
_PREFS = [
    ("other_org", re.compile(r"\b(?:different|another|other|outside (?:my|our))\s+(?:borough|council|"
                             r"organisation|organization|org|authority)\b|\boutside (?:my|our) (?:own )?"
                             r"(?:borough|council|organisation)\b|\bnot from my (?:own )?(?:borough|council)\b")),
    ("same_org", re.compile(r"\b(?:same|my own|my)\s+(?:borough|council|organisation|organization)\b"
                            r"(?!\s+(?:would|is|has))")),
    ("more_senior", re.compile(r"\b(?:more senior|senior to me|someone senior|a senior leader|further "
                               r"(?:on|along) in (?:her|their) career)\b")),
]  # fmt: skip


def _norm(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return re.sub(r"[ \t]+", " ", text)


def _clauses(text: str) -> list[str]:
    """Sentences and list lines, further split at contrasting "but"."""
    parts = re.split(r"(?<=[.!?;])\s+|\n|\s+[—–]\s+|,?\s+\bbut\b\s+|\s+-\s+", text)
    return [p.strip() for p in parts if p and p.strip()]


def _is_question(clause: str) -> bool:
    return clause.rstrip(" )🙂😊").endswith("?")


def _subject_before(clause: str, pos: int) -> str | None:
    found = _SUBJECT.findall(clause[max(0, pos - 160) : pos])
    return found[-1] if found else None


def _negated(clause: str, start: int) -> bool:
    window = " ".join(clause[max(0, start - 80) : start].split()[-6:])
    return bool(_NEGATION.search(window)) and not _NOT_NEGATION.search(window)


def _capacity(text: str) -> int | None:
    for pattern in _CAPACITY:
        m = pattern.search(text)
        if m:
            word = m.group(1)
            if not word:
                return 2
            n = int(word) if word.isdigit() else _NUM.get(word, 1)
            return max(1, min(n, MAX_CAPACITY))
    return None


# ---------------------------------------------------------------- one reply


def _role_cues(clause: str, mentor_seen: bool) -> tuple[list[tuple[int, str, bool]], bool]:
    """(position, role, negated) for each of the replier's own role cues in a clause ("both"
    gives two), and whether the clause had cues about someone else."""
    cues: list[tuple[int, str, bool]] = []
    others = False
    work = clause

    def take(pattern: re.Pattern[str], roles: tuple[str, ...]) -> None:
        nonlocal work, others
        for m in pattern.finditer(work):
            subject = _subject_before(work, m.start())
            if subject is not None and not _FIRST_RE.match(subject):
                others = True  # "you'd be a great mentor", "my colleague would like a mentor"
                continue
            neg = _negated(work, m.start())
            cues.extend((m.start(), role, neg) for role in roles)
        work = pattern.sub(lambda m: "#" * len(m.group(0)), work)

    for p in _BOTH:
        take(p, ("mentor", "mentee"))
    for p in _MENTEE[:4]:
        take(p, ("mentee",))
    for p in _MENTOR:
        take(p, ("mentor",))
    for p in _MENTEE[4:]:
        take(p, ("mentee",))
    take(_BARE_MENTOR, ("mentor",))
    if mentor_seen:
        take(_LIKE_ONE, ("mentee",))
    return sorted(cues), others and not cues


def _topics_in(clause: str, vocab: Vocabulary) -> list[tuple[int, int, str, str]]:
    """(start, end, topic, "" | "excluded" | "disclaimed") for each topic named in a clause."""
    found = []
    for name, pattern in vocab._topic_res:  # type: ignore[attr-defined]
        for m in pattern.finditer(clause):
            before = clause[: m.start()]
            if _EXPERTISE_NEG.search(before):
                found.append((m.start(), m.end(), name, "disclaimed"))
            elif _TOPIC_NEGATION.search(before):
                found.append((m.start(), m.end(), name, "excluded"))
            else:
                found.append((m.start(), m.end(), name, ""))
    return found


_WANTED_LEVEL = re.compile(
    r"\b(?:someone|somebody|mentor|person|woman|one)\b(?: who(?:'s| is| has been)| at| from| in)?"
    r"(?: (?:a|an|the))?(?: \w+)?\s*$"
)


def _level(text: str, vocab: Vocabulary) -> tuple[str | None, str | None]:
    """(own level, preferred mentor level): the first self-description, the longest title wins."""
    spans = []
    for name, pattern in vocab._level_res:  # type: ignore[attr-defined]
        spans.extend((m.start(), m.end(), name) for m in pattern.finditer(text))
    # "assistant director" must not also read as "director"
    spans = [s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and o != s
                                         and o[1] - o[0] > s[1] - s[0] for o in spans)]  # fmt: skip
    own = wanted = None
    for start, _, name in sorted(spans):
        if _WANTED_LEVEL.search(text[max(0, start - 40) : start]):
            wanted = wanted or name
        else:
            own = own or name
    return own, wanted


@dataclass
class _Acc:
    """What one reply's clauses add up to."""

    roles: dict[str, bool] = field(default_factory=dict)  # role -> not negated anywhere
    offers: list[str] = field(default_factory=list)
    wants: list[str] = field(default_factory=list)
    unassigned: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    disclaimed: list[str] = field(default_factory=list)
    questions_only: bool = True

    def clause(self, clause: str, vocab: Vocabulary, mentor_seen: bool) -> None:
        cues, about_others = _role_cues(clause, mentor_seen)
        if _is_question(clause) and not _SELF_ASK.search(clause):
            cues = []  # "Can men join as mentors?" asks; it signs nobody up
        else:
            self.questions_only = self.questions_only and _is_question(clause)
        for _, role, neg in cues:
            self.roles[role] = self.roles.get(role, True) and not neg
        if about_others:
            return  # topics in a nomination belong to the colleague
        live = [(pos, role) for pos, role, neg in cues if not neg]
        for start, end, topic, ruled_out in _topics_in(clause, vocab):
            if ruled_out:
                (self.excluded if ruled_out == "excluded" else self.disclaimed).append(topic)
                continue
            explicit = re.match(r"\s*\(?as (?:a )?(mentor|mentee)\b", clause[end:])
            role = explicit.group(1) if explicit else _nearest(live, start)
            {"mentor": self.offers, "mentee": self.wants}.get(role or "", self.unassigned).append(topic)


def read_reply(html: str, vocab: Vocabulary) -> ReplyReading:
    """Read one reply on its own (use read_replies for a person's end state)."""
    own, signature = split_signature(reply_text(html)[:MAX_TEXT])
    text = _norm(own)
    if not text.strip():
        return ReplyReading(intent="other")
    if _OOO.search(text):
        return ReplyReading(intent="out_of_office")
    own_level, wanted_level = _level(_norm(own + "\n" + signature), vocab)
    prefs = [name for name, p in _PREFS if p.search(text)]
    if "other_org" in prefs and "same_org" in prefs:  # "not from my own council"
        prefs.remove("same_org")
    if wanted_level:
        prefs.append(f"level:{wanted_level}")

    acc = _Acc()
    mentor_seen = False
    for clause in _clauses(text):
        acc.clause(clause, vocab, mentor_seen)
        mentor_seen = mentor_seen or "mentor" in clause
    kept = frozenset(r for r, ok in acc.roles.items() if ok)
    past = _PAST.search(text)
    if not kept and past and _AGAIN.search(text):  # "I mentored last year, happy to go again"
        said = past.group(0)
        kept = frozenset({"mentee" if "mentee" in said or "was mentored" in said else "mentor"})
    if kept == {"mentee"}:
        acc.wants += acc.disclaimed  # "I'm no expert in AI" from a mentee is what she wants
    else:
        acc.excluded += acc.disclaimed
    common = {
        "capacity": _capacity(text) if "mentor" in kept else None,
        "seniority": own_level,
        "preferences": tuple(dict.fromkeys(prefs)),
        "excluded": tuple(acc.excluded),
    }
    if _WITHDRAW.search(text) and not kept:
        return ReplyReading(intent="withdraw", **common)
    if _DECLINE.search(text) and not kept:
        return ReplyReading(intent="decline", **common)
    if kept:
        return ReplyReading(
            intent="signup", roles=kept, replaces=bool(_REPLACE.search(text)),
            offers=tuple(acc.offers), wants=tuple(acc.wants), unassigned=tuple(acc.unassigned),
            **common,
        )  # fmt: skip
    if acc.questions_only and "?" in text:
        return ReplyReading(intent="question", **common)
    topics = tuple(acc.offers + acc.wants + acc.unassigned)
    if topics or acc.excluded:
        return ReplyReading(intent="topics", unassigned=topics, **common)
    return ReplyReading(intent="thanks" if _THANKS.search(text) else "other", **common)


def _nearest(cues: list[tuple[int, str]], pos: int) -> str | None:
    """The role cue a topic belongs to: the closest one before it, else the first after it."""
    before = [role for p, role in cues if p <= pos]
    if before:
        return before[-1]
    return cues[0][1] if cues else None


# ---------------------------------------------------------------- a person's end state


def read_replies(htmls: Sequence[str], vocab: Vocabulary) -> MentoringReading:
    """Fold one person's replies (in order, edits applied) into the end state of the round."""
    roles: set[str] = set()
    offers: dict[str, None] = {}
    wants: dict[str, None] = {}
    capacity: int | None = None
    seniority: str | None = None
    prefs: dict[str, None] = {}
    intents: list[str] = []
    for html in htmls:
        r = read_reply(html, vocab)
        intents.append(r.intent)
        seniority = r.seniority or seniority
        prefs.update(dict.fromkeys(r.preferences))
        for topic in r.excluded:
            offers.pop(topic, None)
            wants.pop(topic, None)
        if r.intent in ("withdraw", "decline"):
            roles, offers, wants, capacity = set(), {}, {}, None
            continue
        if r.intent == "signup":
            if r.replaces:  # a change of mind: her topics so far move to the new role(s)
                earlier = [*offers, *wants]
                roles, offers, wants = set(r.roles), {}, {}
                _place(earlier, roles, offers, wants)
            else:
                roles |= r.roles
            capacity = r.capacity or capacity
        if r.intent in ("signup", "topics"):
            offers.update(dict.fromkeys(r.offers))
            wants.update(dict.fromkeys(r.wants))
            _place(r.unassigned, roles, offers, wants)
    role = _role_name(roles)
    if role == "mentee":
        wants, offers = {**wants, **offers}, {}
    elif role == "mentor":
        offers, wants = {**offers, **wants}, {}
    elif role == "none":
        offers, wants = {}, {}
    mentoring = role in ("mentor", "both")
    return MentoringReading(
        role=role, offers=tuple(offers), wants=tuple(wants),
        capacity=(capacity or 1) if mentoring else 0, seniority=seniority,
        preferences=tuple(prefs), intents=tuple(intents),
    )  # fmt: skip


def _place(topics: Iterable[str], roles: set[str], offers: dict, wants: dict) -> None:
    """Topics with no role cue go to the person's only role, or to both lists if she does both."""
    for topic in topics:
        if "mentee" in roles or not roles:
            wants[topic] = None
        if "mentor" in roles:
            offers[topic] = None


def _role_name(roles: set[str]) -> str:
    if {"mentor", "mentee"} <= roles:
        return "both"
    return next(iter(roles)) if roles else "none"


def level_of(title: str | None, vocab: Vocabulary) -> str | None:
    """The seniority level a job title names ("Head of Digital" -> "head of service"), if any."""
    return _level(_norm(title or "")[:500], vocab)[0]
