"""Models for what real Basecamp sends that the spec does not promise (issue 10).

System actors ("basecamp", "campfire") carry string ids; schedule-entry times must be kept
verbatim so a replace-mode PUT can send them straight back.
"""

from __future__ import annotations

from datetime import date

from bot.basecamp.models import Boost, Comment, Person, ScheduleEntry, is_member

SYSTEM = {"id": "basecamp", "name": "Basecamp", "personable_type": "LocalPerson"}
REF = {"id": 1, "title": "Lunch", "type": "Message"}
BUCKET = {"id": 2, "name": "WDLN", "type": "Project"}


def test_a_system_actor_parses_and_is_never_a_member():
    comment = Comment.model_validate({
        "id": 9, "parent": REF, "bucket": BUCKET, "creator": SYSTEM, "content": "<div>x</div>",
        "created_at": "2026-12-01T09:00:00.000Z", "updated_at": "2026-12-01T09:00:00.000Z"})
    assert comment.creator.is_system and comment.creator.system_label == "basecamp"
    assert not is_member(comment.creator, me_id=5)
    boost = Boost.model_validate({"id": 3, "content": "!", "booster": {**SYSTEM,
                                                                       "id": "campfire"}})
    assert boost.booster.is_system and not is_member(boost.booster, me_id=5)


def test_a_numeric_string_id_is_a_person():
    person = Person.model_validate({"id": "1049715915", "name": "Victor Cooper"})
    assert person.id == 1049715915 and not person.is_system
    assert is_member(person, me_id=5) and not is_member(person, me_id=1049715915)


def _entry(**extra):
    return ScheduleEntry.model_validate({
        "id": 4, "summary": "Lunch", "description": "<div>Room 4</div>",
        "starts_at": "2026-12-08T12:00:00.000Z", "ends_at": "2026-12-08T13:00:00.000Z",
        **extra})


def test_the_replacement_carries_the_whole_entry_with_times_verbatim():
    fields = _entry().replacement(participant_ids=[1, 2])
    assert fields == {"summary": "Lunch", "starts_at": "2026-12-08T12:00:00.000Z",
                      "ends_at": "2026-12-08T13:00:00.000Z", "description": "<div>Room 4</div>",
                      "all_day": False, "participant_ids": [1, 2]}


def test_an_all_day_entry_keeps_its_bare_dates():
    entry = _entry(all_day=True, starts_at="2026-12-08", ends_at="2026-12-09")
    assert entry.starts_at == date(2026, 12, 8)
    fields = entry.replacement(summary="Cancelled: Lunch")
    assert (fields["starts_at"], fields["ends_at"], fields["all_day"]) \
        == ("2026-12-08", "2026-12-09", True)
    assert "starts_at_text" not in entry.model_dump()
