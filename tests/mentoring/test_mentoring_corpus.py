"""The reply reader measured on the mentoring cases of the shared development corpus."""

from __future__ import annotations

import json

from mentoring_helpers import SHARED, check_reading_scores


def _cases() -> list[dict]:
    path = SHARED / "corpus" / "replies-dev.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if r["thread"] == "mentoring"]


def test_role_accuracy_and_topic_f1_on_dev_corpus(vocab) -> None:
    cases = _cases()
    assert len(cases) >= 40
    check_reading_scores("mentoring corpus", [
        (c["id"], [r["edited_to"] or r["html"] for r in c["replies"]],
         c["expect"]["role"], c["expect"]["topics"])
        for c in cases
    ], vocab)
