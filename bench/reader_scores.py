"""Score the reply readers on corpus-format cases, as the issue measures them (pure scoring).

Event cases are read reply by reply (an edit re-reads its reply), passing ``had_place`` and
the previous sure intent from the earlier replies. A reading with ``sure`` False changes no
state and counts as asked; if a case's last reading is unsure, the member's answer settles
it: the case counts as recovered (towards recall, and not towards decided precision).

Works against any reader with the same entry points, so main's old reader (no ``sure``)
can be scored the same way: ``PYTHONPATH=<old tree> python bench/bench_reader.py --scores``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.config.signups import SignupRules
from bot.core.ledger import HOLDS_PLACE, Entry, compute
from bot.core.replies import ReplyContext, classify

REPO = Path(__file__).resolve().parents[1]
DEV = REPO / ".." / "shared" / "corpus" / "replies-dev.jsonl"
FRESH = sorted((REPO / "tests" / "replies" / "fresh").glob("fresh-*.jsonl"))
_T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
_RULES = SignupRules(capacity=1000)


def load(path: Path, thread: str) -> list[dict]:
    rows = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln]
    return [r for r in rows if r["thread"] == thread]


@dataclass
class EventScores:
    cases: int = 0
    replies: int = 0
    asked: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    recovered_tp: int = 0
    not_asked: int = 0
    intent_ok: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        hits = self.tp + self.recovered_tp
        return hits / (hits + self.fn) if hits + self.fn else 1.0

    @property
    def ask_rate(self) -> float:
        return self.asked / self.replies if self.replies else 0.0

    @property
    def accuracy(self) -> float:
        return self.intent_ok / self.not_asked if self.not_asked else 1.0

    def line(self, label: str) -> str:
        return (f"{label}: {self.cases} event cases, {self.replies} replies: decided precision "
                f"{self.precision:.3f}, recall {self.recall:.3f} (counting recovered), asked "
                f"{self.ask_rate:.1%} ({self.asked}), intent accuracy {self.accuracy:.3f} on "
                f"{self.not_asked} cases not asked about")


def replay(case: dict) -> tuple[bool, object, int, int]:
    """(holds a place at the end, last reading, readings, unsure readings)."""
    entries: dict[str, Entry] = {}
    now = _T0 + timedelta(days=1)
    previous: str | None = None
    last = None
    readings = unsure = 0

    def holds() -> bool:
        person = compute(_RULES, entries.values(), now).people.get("member")
        return person is not None and person.status in HOLDS_PLACE

    for i, reply in enumerate(case["replies"]):
        for markup in (reply["html"], reply.get("edited_to")):
            if not markup:
                continue
            try:
                context = ReplyContext(announcement=case.get("announcement", ""),
                                       had_place=holds(), previous_intent=previous)
            except TypeError:  # main's old reader has no previous_intent
                context = ReplyContext(announcement=case.get("announcement", ""),
                                       had_place=holds())
            last = classify(markup, None, context)
            readings += 1
            if getattr(last, "sure", True):
                entries[f"comment:{i}"] = Entry(f"comment:{i}", "member",
                                                _T0 + timedelta(minutes=i), last.intent)
                previous = last.intent
            else:
                unsure += 1
                entries.pop(f"comment:{i}", None)  # an edit that is unclear is asked about
    return holds(), last, readings, unsure


def score_events(cases: Iterable[dict]) -> EventScores:
    s = EventScores()
    for case in cases:
        want = case["expect"]
        signed, last, readings, unsure = replay(case)
        s.cases += 1
        s.replies += readings
        s.asked += unsure
        if not getattr(last, "sure", True):
            s.recovered_tp += want["signed_up"]  # the member's answer settles it
            s.misses.append(f"asked {case['id']}: {last.intent} {list(last.reasons)[-1:]}"
                            f" (want {want['intent']})")
            continue
        s.tp += signed and want["signed_up"]
        s.fp += signed and not want["signed_up"]
        s.fn += want["signed_up"] and not signed
        if not unsure:
            s.not_asked += 1
            s.intent_ok += last.intent == want["intent"]
        if last.intent != want["intent"] or signed != want["signed_up"]:
            s.misses.append(f"WRONG {case['id']}: {last.intent}/{signed}, want "
                            f"{want['intent']}/{want['signed_up']} {list(last.reasons)}")
    return s


@dataclass
class MentoringScores:
    cases: int = 0
    asked: int = 0
    right: int = 0
    decided_right: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def role_accuracy(self) -> float:  # counting asked cases as settled by the answer
        return self.right / self.cases if self.cases else 1.0

    @property
    def decided_accuracy(self) -> float:
        decided = self.cases - self.asked
        return self.decided_right / decided if decided else 1.0

    @property
    def topic_f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    def line(self, label: str) -> str:
        return (f"{label}: {self.cases} mentoring cases: role accuracy {self.role_accuracy:.3f}"
                f" (decided {self.decided_accuracy:.3f}, asked {self.asked}), topic F1 "
                f"{self.topic_f1:.3f}")


def score_mentoring(cases: Iterable[dict], vocab: object) -> MentoringScores:
    from bot.core.mentoring import read_replies

    s = MentoringScores()
    for case in cases:
        htmls = [r["edited_to"] or r["html"] for r in case["replies"]]
        got = read_replies(htmls, vocab)
        role, topics = case["expect"]["role"], set(case["expect"]["topics"])
        s.cases += 1
        g = set(got.topics)
        s.tp, s.fp, s.fn = s.tp + len(g & topics), s.fp + len(g - topics), s.fn + len(topics - g)
        if not getattr(got, "sure", True):
            s.asked += 1
            s.right += 1
            s.misses.append(f"asked {case['id']}: {got.role} (want {role})")
            continue
        s.right += got.role == role
        s.decided_right += got.role == role
        if got.role != role or g != topics:
            s.misses.append(f"WRONG {case['id']}: {got.role} {sorted(g)} != {role} "
                            f"{sorted(topics)}")
    return s


def shipped_vocabulary() -> object:
    import yaml

    from bot.config.mentoring import MentoringRound

    data = yaml.safe_load((REPO / "config" / "mentoring.yaml").read_text())["mentoring"][0]
    return MentoringRound.model_validate(data).vocabulary()
