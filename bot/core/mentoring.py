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
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from html import escape

from bot.core import mentoring_cues as cue
from bot.core.lazy_re import lazy
from bot.core.reader import language
from bot.core.reader.clean import normal_form, out_of_office
from bot.core.reader.clean import split_signature as _split_signature
from bot.core.reader.topics import Vocabulary
from bot.core.reply_html import parse_reply_html

__all__ = ["MentoringReading", "ReplyReading", "Vocabulary", "level_of", "read_replies",
           "read_reply", "reply_text", "split_signature"]

ROLES = ("mentor", "mentee", "both", "none")
MAX_CAPACITY = 5  # nobody realistically mentors more; guards against "happy to take 100"
MAX_TEXT = 4000  # a reply is read up to here: bounded work for hostile input

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
    sure: bool = True  # False: ask the member rather than guess their role
    maybe_not_english: bool = False  # ask in plain English and tell staff


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
    sure: bool = True  # False: the latest reply's role was unclear; ask before matching

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
            "sure": self.sure,
        }


# ---------------------------------------------------------------- HTML to the replier's own text


_SAME = lazy(r"^\W*(?:me too|same|same here|same please|ditto|\+1|i would|i'd like that too|"
                   r"and me|likewise|yes please|same for me)\W*$", re.I)

_SAME_LEAD = lazy(r"^\W*(?:me too|same(?: here)?|ditto|\+1|likewise)\b", re.I)


def reply_text(html: str) -> str:
    """The replier's own words: no quotes or struck text, mentions as "@person", one line per block.

    A bare "me too" / "+1" under a quote means the quote, so the quote is read instead."""
    parsed = parse_reply_html(html)
    text = normal_form(parsed.text)
    if parsed.quoted and _SAME.match(" ".join(text.split())):
        text = normal_form(parsed.quoted)
    lines = text.split("\n")
    return "\n".join(ln for ln in lines if ln.strip() and not ln.lstrip().startswith(">"))


def split_signature(text: str) -> tuple[str, str]:
    """(own words, signature): the one signature rule both readers share (reader.clean)."""
    return _split_signature(text)


# ---------------------------------------------------------------- cue patterns

def _norm(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    for short, full in cue.ABBREVIATIONS.items():
        text = re.sub(short, full, text)
    text = re.sub(r"[ \t]+", " ", text)
    return cue.DATA_TAIL.sub(
        lambda m: ("data " if cue.DATA_HEAD.search(text, 0, m.start()) else "") + m.group(1), text
    )


def _clauses(text: str) -> list[str]:
    """Sentences and list lines, further split at contrasting "but"."""
    parts = re.split(r"(?<=[.!?;])\s+|\n|\s+[—–]\s+|,?\s+\bbut\b\s+|\s+-\s+"
                     # "I want to learn AI, could someone help?": the question is its own clause
                     r"|,\s+(?=(?:could|can|would|will|is|are|does|do) (?:someone|anyone|you)\b)",
                     text)
    return [p.strip() for p in parts if p and p.strip()]


def _is_question(clause: str) -> bool:
    return clause.rstrip(" )🙂😊").endswith("?")


def _subject_before(clause: str, pos: int) -> str | None:
    found = cue.SUBJECT.findall(clause[max(0, pos - 160) : pos])
    return found[-1] if found else None


def _negated(clause: str, start: int) -> bool:
    window = " ".join(clause[max(0, start - 80) : start].split()[-6:])
    return bool(cue.NEGATION.search(window)) and not cue.NOT_NEGATION.search(window)


def _capacity(text: str) -> int | None:
    for pattern in cue.CAPACITY:
        m = pattern.search(text)
        if m:
            word = m.group(1)
            if not word:
                # "more than one" offers two; "no time for more than one" caps it at one
                return 1 if _negated(text, m.start()) else 2
            n = int(word) if word.isdigit() else cue.NUM.get(word, 1)
            return max(1, min(n, MAX_CAPACITY))
    return None


# ---------------------------------------------------------------- one reply

# Words about taking part in the round: a reply with these and no cue we know is unclear.
_ROLE_WORDS = lazy(
    r"\b(?:mentor\w*|mentee\w*|help|learn\w*|support|guidance|advice|pair\w*|match\w*|"
    r"both|either|sign\w* up|count me|put me|interested|keen|happy to|would love|i'd love|"
    r"i'd like|like to|want to|coach\w*|experience|expert\w*)\b"
)


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
            # "can you pair me with...", "would anyone mentor me": whoever the subject, a cue
            # naming "me" is about the replier
            asks_me = re.search(r"\bme\b", m.group(0))
            if subject is not None and not cue.FIRST_RE.match(subject) and not asks_me:
                others = True  # "you'd be a great mentor", "my colleague would like a mentor"
                continue
            names_role = re.match(r"(?:as\s+)?(?:an?\s+)?(?:\w+\s+)?ment(?:ee|or)", m.group(0))
            if names_role and (cue.PAST_BEFORE.search(work[max(0, m.start() - 40) : m.start()])
                               or cue.PAST_AFTER.match(work, m.end())):
                continue  # "I was a mentee last year": not a sign-up for this round
            if cue.DEFER_BEFORE.search(work[max(0, m.start() - 30) : m.start()]):
                continue  # "I'll save being mentored for next round"
            neg = _negated(work, m.start())
            if neg and m.group(0).startswith("either"):
                continue  # "I'm no expert in FOI either": the adverb, not "either role"
            cues.extend((m.start(), role, neg) for role in roles)
        work = pattern.sub(lambda m: "#" * len(m.group(0)), work)

    for m in cue.NOMINATION.finditer(work):  # praise of someone else, unless "I would be..."
        subject = _subject_before(work, m.start())
        theirs = cue.SOMEONE_OF_MINE.search(work[max(0, m.start() - 60) : m.start()])
        if subject is None or not cue.FIRST_RE.match(subject) or theirs:
            others = True
            work = work[: m.start()] + "#" * (m.end() - m.start()) + work[m.end() :]
    for p in cue.BOTH:
        take(p, ("mentor", "mentee"))
    for p in cue.MENTEE[:4]:
        take(p, ("mentee",))
    for p in cue.MENTOR:
        take(p, ("mentor",))
    for p in cue.MENTEE[4:]:
        take(p, ("mentee",))
    take(cue.BARE_MENTOR, ("mentor",))
    if mentor_seen:
        take(cue.LIKE_ONE, ("mentee",))
    return sorted(cues), others and not cues


def _topics_in(clause: str, vocab: Vocabulary) -> list[tuple[int, int, str, str]]:
    """(start, end, topic, "" | "excluded" | "disclaimed") for each topic named in a clause."""
    found = []
    for name, pattern in vocab._topic_res:  # type: ignore[attr-defined]
        for m in pattern.finditer(clause):
            before = clause[max(0, m.start() - 120) : m.start()]  # bounded: linear reading
            if cue.AUDIENCE_NOUN.match(clause, m.start()) and cue.AUDIENCE_BEFORE.search(before):
                continue  # the people she presents to or wins over, not a topic
            if cue.EXPERTISE_NEG.search(before):
                found.append((m.start(), m.end(), name, "disclaimed"))
            elif cue.TOPIC_NEGATION.search(before):
                found.append((m.start(), m.end(), name, "excluded"))
            else:
                found.append((m.start(), m.end(), name, ""))
    return found


_WANTED_LEVEL = lazy(
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
    asked: bool = False  # a question that signs nobody up
    about_others: bool = False  # a nomination or praise of someone else

    def clause(self, clause: str, vocab: Vocabulary, mentor_seen: bool) -> None:
        cues, about_others = _role_cues(clause, mentor_seen)
        self.about_others = self.about_others or about_others
        if _is_question(clause) and not cue.SELF_ASK.search(clause):
            self.asked = True
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
            target = {"mentor": self.offers, "mentee": self.wants}.get(role or "", self.unassigned)
            target.append(topic)


def read_reply(html: str, vocab: Vocabulary) -> ReplyReading:
    """Read one reply on its own (use read_replies for a person's end state)."""
    own, signature = split_signature(reply_text(html)[:MAX_TEXT])
    text = cue.WISH_BUT.sub("", vocab.correct(_norm(own)))  # a wish she takes back at once
    text = _quoted_topic(html, text, vocab)
    text = cue.BE_ONE.sub(lambda m: f"{m.group(1)}{m.group(2)} a {m.group(1)}", text)
    if not text.strip():
        return ReplyReading(intent="other")
    if cue.OOO.search(text) or out_of_office(text):
        return ReplyReading(intent="out_of_office")
    own_level, wanted_level = _level(_norm(own + "\n" + signature), vocab)
    prefs = [name for name, p in cue.PREFS if p.search(text)]
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
    foreign = language.looks_foreign(text)  # a role read from another language is a guess
    past = cue.PAST.search(text)
    if not kept and past and cue.AGAIN.search(text):  # "I mentored last year, happy to go again"
        said = past.group(0)
        kept = frozenset({"mentee" if "mentee" in said or "was mentored" in said else "mentor"})
    if not kept and _SAME_LEAD.match(own) and (quoted := parse_reply_html(html).quoted):
        # "Same - a mentor on that too": the quote gives the role her own words leave out.
        both = f"{normal_form(quoted)}\n{own}".split("\n")
        return read_reply("".join(f"<div>{escape(line)}</div>" for line in both), vocab)
    if kept == {"mentee"}:
        acc.wants += acc.disclaimed  # "I'm no expert in AI" from a mentee is what she wants
    else:
        acc.excluded += acc.disclaimed
    common = {
        "capacity": _capacity(text) if "mentor" in kept else None,
        "seniority": own_level,
        "preferences": tuple(dict.fromkeys(prefs)),
        "excluded": tuple(acc.excluded),
        "maybe_not_english": bool(foreign),
    }
    if cue.WITHDRAW.search(text) and not kept:
        return ReplyReading(intent="withdraw", **common)
    if cue.DECLINE.search(text) and not kept:
        return ReplyReading(intent="decline", **common)
    if kept:
        return ReplyReading(
            intent="signup", roles=kept, replaces=bool(cue.REPLACE.search(text)),
            offers=tuple(acc.offers), wants=tuple(acc.wants), unassigned=tuple(acc.unassigned),
            sure=not foreign, **common,
        )  # fmt: skip
    if acc.questions_only and "?" in text:
        return ReplyReading(intent="question", **common)
    topics = tuple(acc.offers + acc.wants + acc.unassigned)
    if topics or acc.excluded:
        # Topics with no role: sure only once an earlier reply gave the role (read_replies).
        # A story about an earlier round ("I was mentored on X two years ago") is sure.
        return ReplyReading(intent="topics", unassigned=topics, sure=bool(past) and not foreign,
                            **common)
    if cue.THANKS.search(text) and not _ROLE_WORDS.search(text) and not foreign:
        return ReplyReading(intent="thanks", **common)
    # No cue found: sure only when the reply is plainly not about taking part herself: a
    # question, a nomination, a story about an earlier round; never in another language.
    plain = acc.asked or acc.about_others or bool(past) or not _ROLE_WORDS.search(text)
    return ReplyReading(intent="other", sure=plain and not foreign, **common)


def _quoted_topic(html: str, text: str, vocab: Vocabulary) -> str:
    """Put the quote's topic in place of "that" when her own words name none ("+1, a mentor
    on that too"): the role stays her own, the topic is the quote's."""
    ref = cue.BACK_REF.search(text)
    if not ref or _topics_in(text, vocab):
        return text
    quoted = parse_reply_html(html).quoted
    if not quoted:
        return text
    low = vocab.correct(_norm(normal_form(quoted)))[:MAX_TEXT]
    words = list(dict.fromkeys(low[a:b] for a, b, _, ruled_out in _topics_in(low, vocab)
                               if not ruled_out))
    if not words:
        return text
    return f"{text[: ref.start()]}{ref.group().split()[0]} {' and '.join(words)}{text[ref.end():]}"


def _nearest(cues: list[tuple[int, str]], pos: int) -> str | None:
    """The role cue a topic belongs to: the closest one before it, else the first after it."""
    i = bisect_right(cues, (pos, "\uffff"))  # cues are sorted by position
    if i:
        return cues[i - 1][1]
    return cues[0][1] if cues else None


# ---------------------------------------------------------------- a person's end state


ANSWER_ROLES = {"mentor": frozenset({"mentor"}), "mentee": frozenset({"mentee"}),
                "both": frozenset({"mentor", "mentee"})}


def read_replies(htmls: Sequence[str], vocab: Vocabulary,
                 answers: Sequence[str | None] = ()) -> MentoringReading:  # fmt: skip
    """Fold one person's replies (in order, edits applied) into the end state of the round.

    `answers[i]` is the member's answer to the bot's question about reply i ("mentor",
    "mentee", "both" or "decline"), if she gave one: her unclear reply then counts with the role
    she chose, so its topics are kept."""
    roles: set[str] = set()
    offers: dict[str, None] = {}
    wants: dict[str, None] = {}
    capacity: int | None = None
    seniority: str | None = None
    prefs: dict[str, None] = {}
    intents: list[str] = []
    sure = True
    for i, html in enumerate(htmls):
        r = read_reply(html, vocab)
        answer = answers[i] if i < len(answers) else None
        if not r.sure and answer in ANSWER_ROLES:  # she told us which role she meant
            chosen = ANSWER_ROLES[answer]  # her unplaced topics go to the role she chose
            r = replace(r, intent="signup", roles=chosen, sure=True, unassigned=(),
                        offers=r.offers + (r.unassigned if "mentor" in chosen else ()),
                        wants=r.wants + (r.unassigned if "mentee" in chosen else ()))
        elif not r.sure and answer == "decline":
            r = replace(r, intent="decline", roles=frozenset(), sure=True)
        intents.append(r.intent)
        sure = r.sure or (r.intent == "topics" and bool(roles))  # topics for a known role
        if not sure:
            continue  # an unsure reply changes nothing: the bot asks the member
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
        preferences=tuple(prefs), intents=tuple(intents), sure=sure,
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
