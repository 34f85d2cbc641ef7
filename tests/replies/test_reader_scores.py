"""The reader measured as the issue measures it, printing its figures (pytest -s shows them).

Each case is read reply by reply with had_place and the previous sure intent from the
earlier replies; an unsure reading changes no state; a case whose last reply is unsure is
recovered by the member's answer (it counts towards recall and the ask rate).
"""

from __future__ import annotations

import pytest

from bench.reader_scores import DEV, FRESH, load, score_events, score_mentoring, shipped_vocabulary


@pytest.fixture(scope="module")
def vocab():
    return shipped_vocabulary()


def _show(scores, label: str) -> None:
    print("\n" + scores.line(label))
    for miss in scores.misses:
        print("   ", miss)


def test_dev_corpus_event_goals() -> None:
    if not DEV.exists():
        pytest.fail(f"corpus not found at {DEV}")
    s = score_events(load(DEV, "event"))
    _show(s, "dev corpus")
    assert s.cases >= 100
    assert s.precision >= 0.99
    assert s.recall >= 0.98
    assert s.ask_rate <= 0.05
    assert s.accuracy >= 0.95


def test_dev_corpus_mentoring_goals(vocab) -> None:
    s = score_mentoring(load(DEV, "mentoring"), vocab)
    _show(s, "dev corpus")
    assert s.cases >= 40
    assert s.role_accuracy >= 0.97 and s.decided_accuracy >= 0.97
    assert s.topic_f1 >= 0.95


@pytest.mark.parametrize("path", FRESH, ids=[p.stem for p in FRESH])
def test_fresh_batches_meet_the_unseen_goals(path, vocab) -> None:
    """The fresh batches (labelled before the reader was run on them) after their fixes."""
    events = score_events(load(path, "event"))
    mentoring = score_mentoring(load(path, "mentoring"), vocab)
    _show(events, path.stem)
    _show(mentoring, path.stem)
    assert events.cases >= 30 and mentoring.cases >= 10
    assert events.precision >= 0.99
    assert events.recall >= 0.97
    assert events.ask_rate <= 0.10
    assert mentoring.role_accuracy >= 0.95 and mentoring.decided_accuracy >= 0.95


def test_a_sure_wrong_sign_up_counts_against_precision() -> None:
    """The scorer itself: a wrong sure yes lowers precision; an unsure one is recovered."""
    join = {"html": "<div>Count me in!</div>", "edited_to": None}
    unclear = {"html": "<div>Thursdays, hmm, could work in principle</div>", "edited_to": None}
    cases = [
        {"id": "a", "announcement": "", "replies": [join],
         "expect": {"signed_up": False, "intent": "decline"}},
        {"id": "b", "announcement": "", "replies": [unclear],
         "expect": {"signed_up": True, "intent": "join"}},
    ]
    s = score_events(cases)
    assert (s.tp, s.fp, s.recovered_tp, s.asked) == (0, 1, 1, 1)
    assert s.precision == 0.0 and s.recall == 1.0 and s.ask_rate == 0.5
