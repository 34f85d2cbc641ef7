"""Sign-ups against a sandbox as strict as Basecamp (issue 10).

The schedule entry's PUT replaces the whole entry, so the participants update must send
all of it back, times verbatim; Basecamp's own actors post on threads and must be ignored;
mentions come back expanded and must still be read.
"""

from __future__ import annotations

from bot.jobs.signups import signup_rows

VENUE = '<div>Room 4, 1 Queen Anne\'s Gate. <a href="https://meet.example/ll">Join online</a></div>'


def _with_venue(world) -> None:
    # Staff added the venue and join link to the entry in Basecamp.
    with world.sb.lock:
        world.sb.state.recordings[world.entry_id]["description"] = VENUE


def test_a_sign_up_keeps_the_venue_and_join_link(world) -> None:
    world.announce(capacity=2)
    _with_venue(world)
    priya = world.member("Priya Shah", "priya@hackney.gov.uk")
    world.reply(priya, "Count me in!")
    world.cycle()
    entry = world.sb.get(world.entry_id)
    assert [p["id"] for p in entry["participants"]] == [priya["id"]]
    assert entry["description"] == VENUE
    assert entry["summary"] == "Lunch & learn"


def test_times_are_sent_back_exactly_as_basecamp_gave_them(world) -> None:
    world.announce(capacity=2)
    given = world.sb.get(world.entry_id)
    world.reply(world.member("Priya Shah", "priya@hackney.gov.uk"), "Count me in!")
    world.cycle()
    (put,) = world.sb.sent("PUT", f"/schedule_entries/{world.entry_id}")
    assert (put["starts_at"], put["ends_at"]) == (given["starts_at"], given["ends_at"])
    assert put["description"] == given["description"] and put["all_day"] is False


def test_a_reply_by_basecamp_itself_is_ignored(world) -> None:
    world.announce(capacity=2)
    automatic = world.sb.post_comment("basecamp", world.message_id,
                                      "<div>Yes, this event is tomorrow</div>")
    priya = world.member("Priya Shah", "priya@hackney.gov.uk")
    world.reply(priya, "Count me in!")
    result = world.cycle()
    assert result.failed == 0
    assert world.bot_boosts(automatic["id"]) == []
    assert [r.email for r in signup_rows(world.ctx, world.key)] == ["priya@hackney.gov.uk"]


def test_a_bare_mention_comes_back_expanded_and_is_still_read(world) -> None:
    world.announce(capacity=2)
    priya = world.member("Priya Shah", "priya@hackney.gov.uk")
    chioma = world.member("Chioma Eze", "chioma@camden.gov.uk")
    # How a client writes a mention; Basecamp stores the expanded figure form.
    reply = world.reply(priya, f'<bc-attachment sgid="{chioma["attachable_sgid"]}">'
                               f"</bc-attachment> this would be right up your street!")
    assert "<figcaption>Chioma Eze</figcaption>" in reply["content"]
    world.cycle()
    invites = [c for c in world.bot_comments() if "reply here yourself" in c]
    assert len(invites) == 1 and chioma["attachable_sgid"] in invites[0]
