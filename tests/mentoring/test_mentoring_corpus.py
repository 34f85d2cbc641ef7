"""The reply reader measured on the mentoring cases of the shared development corpus."""

from __future__ import annotations

import json

from mentoring_helpers import SHARED

from bot.core.mentoring import read_replies


def _cases() -> list[dict]:
    path = SHARED / "corpus" / "replies-dev.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if r["thread"] == "mentoring"]


def test_role_accuracy_and_topic_f1_on_dev_corpus(vocab) -> None:
    cases = _cases()
    assert len(cases) >= 40
    right = tp = fp = fn = 0
    misses = []
    for case in cases:
        htmls = [r["edited_to"] or r["html"] for r in case["replies"]]
        got = read_replies(htmls, vocab)
        want = case["expect"]
        right += got.role == want["role"]
        g, w = set(got.topics), set(want["topics"])
        tp, fp, fn = tp + len(g & w), fp + len(g - w), fn + len(w - g)
        if got.role != want["role"] or g != w:
            misses.append(f"{case['id']}: {got.role} {sorted(g)} != {want['role']} {sorted(w)}")
    accuracy = right / len(cases)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    print(f"\nmentoring corpus: {len(cases)} cases, "
          f"role accuracy {accuracy:.3f}, topic F1 {f1:.3f}")
    for miss in misses:
        print("  miss", miss)
    assert accuracy >= 0.95, misses
    assert f1 >= 0.85, misses
