"""The pure attendance rules: when the call is due, who counts, how long boosts are read."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from bot.core.attendance import attendees, call_key, call_plan, read_due, reading_open
from bot.core.calendar import LONDON, catch_up

START = datetime(2027, 3, 27, 12, 30, tzinfo=LONDON)  # the Saturday before the clocks change
END = START + timedelta(hours=1)


def test_the_call_is_due_the_morning_after_on_the_london_clock():
    post = call_plan("event:lunch:2027-03-27", START, END, 1, time(9, 0), LONDON)
    assert post.key == call_key("event:lunch:2027-03-27")
    assert post.key == "event:lunch:2027-03-27:attendance-call"
    assert post.due_at == datetime(2027, 3, 28, 9, 0, tzinfo=LONDON)  # 9am BST, not 8am
    assert post.due_at.utcoffset() == timedelta(hours=1)
    assert post.expires_at == post.due_at + timedelta(days=1)


def test_a_same_day_call_waits_for_the_event_to_end():
    evening = datetime(2027, 2, 16, 18, 0, tzinfo=LONDON)
    post = call_plan("k", evening, evening + timedelta(hours=2), 0, time(9, 0), LONDON)
    assert post.due_at == evening + timedelta(hours=2)


def test_a_late_start_past_the_expiry_skips_the_call():
    post = call_plan("k", START, END, 1, time(9, 0), LONDON)
    assert catch_up([post], post.due_at + timedelta(hours=2)).due == [post]
    late = catch_up([post], post.due_at + timedelta(days=1, minutes=5))
    assert late.due == [] and late.missed == [post]
    assert catch_up([post], post.due_at + timedelta(hours=3), {post.key: None}).due == []


def test_attendees_are_distinct_people_never_the_bot():
    assert attendees([5, 7, 5, 99, None, 7], bot_id=99) == {5, 7}
    assert attendees([], bot_id=99) == set()


def test_boosts_are_read_for_fourteen_days_after_the_event():
    assert reading_open(END, END + timedelta(days=13, hours=23))
    assert not reading_open(END, END + timedelta(days=14))
    assert reading_open(END, END + timedelta(days=2), days=3)
    assert not reading_open(END, datetime(2027, 5, 1, tzinfo=UTC))


def test_boosts_are_read_at_most_hourly():
    assert read_due(None, END)
    assert not read_due(END, END + timedelta(minutes=59))
    assert read_due(END, END + timedelta(hours=1))
