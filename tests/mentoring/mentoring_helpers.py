"""Helpers shared by the mentoring tests."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.config.mentoring import MentoringRound
from bot.core.mentoring import read_replies

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"


def shipped_round(**overrides: object) -> MentoringRound:
    """The first round in config/mentoring.yaml, with some fields replaced."""
    data = yaml.safe_load((REPO / "config" / "mentoring.yaml").read_text())["mentoring"][0]
    data.update(overrides)
    return MentoringRound.model_validate(data)


def check_reading_scores(label: str, cases: list[tuple[str, list[str], str, list[str]]],
                         vocab: object) -> None:
    """Print role accuracy and topic F1 over (id, replies, role, topics); fail below the bars."""
    right = tp = fp = fn = 0
    misses = []
    for case_id, htmls, role, topics in cases:
        got = read_replies(htmls, vocab)
        right += got.role == role
        g, w = set(got.topics), set(topics)
        tp, fp, fn = tp + len(g & w), fp + len(g - w), fn + len(w - g)
        if got.role != role or g != w:
            misses.append(f"{case_id}: {got.role} {sorted(g)} != {role} {sorted(w)}")
    accuracy = right / len(cases)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    print(f"\n{label}: {len(cases)} cases, role accuracy {accuracy:.3f}, topic F1 {f1:.3f}")
    for miss in misses:
        print("  miss", miss)
    assert accuracy >= 0.95, misses
    assert f1 >= 0.85, misses


def mention(name: str) -> str:
    """A Basecamp mention of a member, as it reads back from the API."""
    return (
        '<bc-attachment sgid="BAh7" content-type="application/vnd.basecamp.mention">'
        f'<figure><img src="/a.png"><figcaption>{name}</figcaption></figure></bc-attachment>'
    )


def div(text: str) -> str:
    """Text as a one-paragraph Basecamp comment."""
    return f"<div>{text}</div>"
