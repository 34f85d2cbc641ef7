"""Bugs found in review of the mentoring rounds, each pinned by a test."""

from __future__ import annotations

from datetime import UTC, datetime

from mentoring_helpers import shipped_round

from bot.jobs.mentoring import candidates
from bot.store import mentoring_tables as t

NOW = datetime(2027, 3, 1, 10, tzinfo=UTC)


def test_a_withdrawal_this_round_beats_being_carried_over(store):
    first, second = shipped_round(key="round-1"), shipped_round(key="round-2")
    with store.transaction() as conn:
        # Round 1 is over and left Grace without a mentor: she is kept for the next round...
        t.set_round(conn, first.key, NOW, stage="introduced")
        t.save_person(conn, first.key, 7, NOW, name="Grace Lim", email="grace@brent.gov.uk",
                      role="mentee", offers=[], wants=["cloud"], capacity=0, preferences=[])
        # ...but in round 2 she replied that she does not want to take part this time.
        t.set_round(conn, second.key, NOW, stage="called")
        t.save_reply(conn, comment_id=1, round_key=second.key, person_id=7,
                     html="<div>Not this time, sorry - I'm too busy</div>", created_at=NOW,
                     trashed=False)
        t.save_person(conn, second.key, 7, NOW, name="Grace Lim", email="grace@brent.gov.uk",
                      role="none", offers=[], wants=[], capacity=0, preferences=[])
        # Others left unmatched in round 1 are still carried over, even if they only asked
        # a question this round (that is not saying no).
        t.save_person(conn, first.key, 8, NOW, name="Nia Brown", email="nia@brent.gov.uk",
                      role="mentee", offers=[], wants=["ai"], capacity=0, preferences=[])
        t.save_person(conn, first.key, 9, NOW, name="Bea Patel", email="bea@brent.gov.uk",
                      role="mentee", offers=[], wants=["ai"], capacity=0, preferences=[])
        t.save_reply(conn, comment_id=2, round_key=second.key, person_id=9,
                     html="<div>When will matching happen?</div>", created_at=NOW,
                     trashed=False)
        t.save_person(conn, second.key, 9, NOW, name="Bea Patel", email="bea@brent.gov.uk",
                      role="none", offers=[], wants=[], capacity=0, preferences=[])
        people, _rows = candidates(conn, second)
    assert sorted(p.id for p in people) == [8, 9]


def test_answering_the_role_question_with_not_this_time_beats_being_carried_over(store):
    from bot.store.signups_repo import save_question

    first, second = shipped_round(key="round-1"), shipped_round(key="round-2")
    with store.transaction() as conn:
        t.set_round(conn, first.key, NOW, stage="introduced")
        t.save_person(conn, first.key, 7, NOW, name="Grace Lim", email="grace@brent.gov.uk",
                      role="mentee", offers=[], wants=["cloud"], capacity=0, preferences=[])
        # In round 2 her reply was unclear; she answered the bot's question with a ❌ boost.
        t.set_round(conn, second.key, NOW, stage="called")
        t.save_reply(conn, comment_id=1, round_key=second.key, person_id=7,
                     html="<div>Keen on the cloud stuff</div>", created_at=NOW, trashed=False)
        t.save_person(conn, second.key, 7, NOW, name="Grace Lim", email="grace@brent.gov.uk",
                      role="none", offers=[], wants=[], capacity=0, preferences=[])
        save_question(conn, {"comment_id": 1, "feature": "mentoring_call",
                             "thread_key": second.key, "thread_id": 100, "person_id": 7,
                             "name": "Grace Lim", "email": "grace@brent.gov.uk", "link": None,
                             "asked_at": NOW, "question_id": 2, "status": "answered",
                             "answer": "decline", "answered_by": "boost:3",
                             "not_english": False})
        people, _rows = candidates(conn, second)
    assert [p.id for p in people] == []
