"""The reply reader measured on the development corpus (event threads)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from replies_replay import replay_case

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "replies-dev.jsonl"

MIN_PRECISION = 0.98
MIN_RECALL = 0.95
MIN_INTENT_ACCURACY = 0.90


def _event_cases() -> list[dict]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [c for c in map(json.loads, filter(None, lines)) if c["thread"] == "event"]


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    if not CORPUS.exists():
        pytest.fail(f"corpus not found at {CORPUS}")
    return _event_cases()


def test_signed_up_precision_recall_and_intent_accuracy(cases: list[dict]) -> None:
    tp = fp = fn = intent_ok = 0
    misses = []
    for case in cases:
        result = replay_case(case)
        want = case["expect"]
        tp += result.signed_up and want["signed_up"]
        fp += result.signed_up and not want["signed_up"]
        fn += want["signed_up"] and not result.signed_up
        intent_ok += result.last.intent == want["intent"]
        if result.last.intent != want["intent"] or result.signed_up != want["signed_up"]:
            misses.append(
                f"{case['id']}: got {result.last.intent}/{result.signed_up}, "
                f"want {want['intent']}/{want['signed_up']} {result.last.reasons}"
            )
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    accuracy = intent_ok / len(cases)
    print(
        f"\nreply corpus ({len(cases)} event cases): signed_up precision {precision:.3f}, "
        f"recall {recall:.3f}; intent accuracy {accuracy:.3f}"
    )
    for miss in misses:
        print("  miss", miss)
    assert len(cases) >= 100
    assert precision >= MIN_PRECISION
    assert recall >= MIN_RECALL
    assert accuracy >= MIN_INTENT_ACCURACY


def test_every_case_gives_reasons(cases: list[dict]) -> None:
    for case in cases:
        assert replay_case(case).last.reasons, case["id"]
