# ruff: noqa: E501  (a table of invented replies reads better one per line)
"""Held-out replies for two general rules a blind probe exposed (invented, not probe strings).

1. A retraction ("forget that", "ignore my last message", "disregard that", "actually no")
   from someone who holds a place, with nothing positive after it, takes the place back:
   a withdrawal, or at least a question; never a sure "other". Likewise a holder who gives a
   reason they can't be somewhere (booked into something, a clash, off sick) is never a sure
   "other".
2. A yes whose subject includes the writer ("me and my colleague", "my manager and I",
   "both of us", "we'd both") is the writer's own yes; the colleague is only a referral.
"""

from __future__ import annotations

from replies_replay import ASKED, sequence_test

ONLINE = "Online session: Service design basics — Wed 4 Feb, 10–11am, on Teams"
IN_PERSON = "Winter meetup — Thu 12 Feb, 5–7pm, in person at Islington town hall"

CASES: list[tuple[str, str, list, str, bool]] = [
    # Retractions after a yes, with a reason or alone.
    ("r01", ONLINE, ["Count me in", "Forget that, I've been roped into a planning inquiry"], "withdraw", False),
    ("r02", IN_PERSON, ["Yes please!", "Please ignore my last message - I've been put on jury service"], "withdraw", False),
    ("r03", ONLINE, ["I'd like a place please", "Disregard that, sorry"], "withdraw", False),
    ("r04", IN_PERSON, ["I'll be there", "Actually no - I've been called to a hearing that evening"], "withdraw", False),
    ("r05", ONLINE, ["Sign me up", "Scratch that, the inspection's been moved onto that morning"], "withdraw", False),
    # A retraction followed by a yes keeps the place.
    ("r06", ONLINE, ["Please add me", "Ignore my last - I meant to say I can definitely come"], "join", True),
    # A holder giving a reason she can't be there, with no "no": asked, never a sure "other".
    ("r07", IN_PERSON, ["Count me in", "Just been booked onto a safeguarding course 😞"], ASKED, True),
    ("r07b", ONLINE, ["Count me in", "Got called into a tribunal"], ASKED, True),
    # ... and tied to the event's date, it is a no.
    ("r07c", IN_PERSON, ["Count me in", "Just been booked onto a safeguarding course that afternoon 😞"], "withdraw", False),
    ("r08", ONLINE, ["Yes please", "Off sick all this week I'm afraid"], "withdraw", False),
    # Still fine for a holder to chat: no reason not to come, so nothing changes.
    ("r09", ONLINE, ["Count me in", "Running a few minutes late but on my way!"], "other", True),
    # Joint subjects that include the writer.
    ("j01", ONLINE, ["Me and my colleague Tomasz would both like places please"], "join", True),
    ("j02", IN_PERSON, ["My manager and I would love to come along"], "join", True),
    ("j03", ONLINE, ["Both of us would like to attend - me and my teammate Priya"], "join", True),
    ("j04", IN_PERSON, ["We'd both like to come please, my colleague Sal and me"], "join", True),
    ("j05", ONLINE, ["Could you put the two of us down? Me and my colleague Bea"], "join", True),
    # ... and ones that do not: the colleague alone, or a joint no.
    ("j06", ONLINE, ["My colleague Tomasz would like a place please"], "other", False),
    ("j07", IN_PERSON, ["Me and my colleague can't make it, sorry"], "decline", False),
]


test_unseen_reply_sequence = sequence_test(CASES)
