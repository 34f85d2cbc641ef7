"""The demo's story: the cast, what they reply, and when (London time) the bot's clock ticks.

Dates come from the shipped config: the 12 January 2027 Lunch and learn (announced 21 days
before), the spring 2027 cohort (recruitment from 11 January, set-up on 22 February, session 1
on 8 March) and the spring 2027 mentoring round (call 1 February, match 22 February,
introductions 24 February). Only the Lunch and learn's capacity is made small for the demo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
DEMO_CAPACITY = 3  # the Lunch and learn's places in the demo copy of config/events.yaml

# Made-up members at real member boroughs: (name, email, job title).
MEMBERS = [
    ("Aisha Khan", "aisha.khan@camden.gov.uk", "Head of Digital"),
    ("Bethany Clarke", "bethany.clarke@hackney.gov.uk", "Product Manager"),
    ("Chiara Rossi", "chiara.rossi@islington.gov.uk", "Head of Data"),
    ("Deborah Osei", "deborah.osei@lambeth.gov.uk", "Service Designer"),
    ("Ellen Murphy", "ellen.murphy@southwark.gov.uk", "Delivery Manager"),
    ("Fatima Hussain", "fatima.hussain@brent.gov.uk", "Director of Digital"),
    ("Grace Lee", "grace.lee@enfield.gov.uk", "Analyst"),
    ("Hannah Wright", "hannah.wright@sutton.gov.uk", "Officer"),
]

# Who replies to which post: (first name, reply text).
EVENT_REPLIES = [
    ("Aisha", "Count me in! Looking forward to it."),
    ("Bethany", "Sadly can't make it this time - hope it goes well."),
    ("Chiara", "I'll try to come, it depends on a budget meeting."),
    ("Deborah", "Will the session be recorded? I have a clash for the first half hour."),
    ("Ellen", "Automatic reply: I'm out of the office until Monday 4 January with no access "
              "to email."),
    ("Fatima", "Yes please, put me down!"),
    ("Grace", "Sign me up please 🙋‍♀️"),
    ("Hannah", "Count me in too, please"),
]
WITHDRAWAL = ("Aisha", "Something's come up, please give my place to someone else.")
PROMOTED = "Hannah"  # first on the waitlist when Aisha lets her place go

RECRUITMENT_REPLIES = [
    ("Bethany", "I'd love a place, please."),
    ("Chiara", "Yes please, count me in."),
    ("Deborah", "Count me in! My manager has said yes."),
    ("Grace", "Please could I have a place?"),
    ("Hannah", "Yes please, I'd love to join."),
    ("Ellen", "Sorry, I can't do March - next time."),
]

MENTORING_REPLIES = [
    ("Aisha", "Happy to mentor on leadership and stakeholder management. I can take two people."),
    ("Fatima", "I'd like to mentor - data strategy and AI."),
    ("Chiara", "Mentor please - data analytics and data strategy."),
    ("Bethany", "Both please! I'd like a mentor for public speaking and can mentor on product "
                "management."),
    ("Grace", "I'd love a mentor on data strategy please."),
    ("Hannah", "Mentee please - leadership, I've just started leading a team."),
    ("Ellen", "Could I have a mentor for stakeholder management?"),
    ("Deborah", "I'd like a mentor on product management please."),
]
APPROVER = "priya.raman@loti.london"
APPROVAL = "Approve, thank you!"


@dataclass(frozen=True)
class Step:
    """One tick of the bot at `when`, then what members do before the next tick."""

    when: datetime
    title: str
    replies: list[tuple[str, str]] = field(default_factory=list)  # (first name, text)
    thread: str | None = None  # the outbox key of the bot post they reply to


def london(*args: int) -> datetime:
    """A London wall-clock time."""
    return datetime(*args, tzinfo=LONDON)


EVENT = "event:lunch-and-learn:2027-01-12"
STEPS = [
    Step(london(2026, 12, 22, 9, 30), "The Lunch and learn is announced",
         EVENT_REPLIES, f"{EVENT}:announcement"),
    Step(london(2026, 12, 23, 9, 30), "The bot reads the replies",
         [WITHDRAWAL], f"{EVENT}:announcement"),
    Step(london(2026, 12, 24, 9, 30), "A place is given up; the waitlist moves"),
    Step(london(2027, 1, 11, 9, 30), "Reminder, and cohort recruitment opens",
         RECRUITMENT_REPLIES, "cohort:spring-2027:recruitment"),
    Step(london(2027, 1, 12, 9, 30), "The bot reads the cohort sign-ups"),
    Step(london(2027, 1, 25, 9, 30), "A nudge for organisations still short of places"),
    Step(london(2027, 2, 1, 10, 5), "The mentoring call goes out",
         MENTORING_REPLIES, "mentoring:spring-2027:call"),
    Step(london(2027, 2, 2, 10, 0), "The bot reads the mentoring replies"),
    Step(london(2027, 2, 22, 10, 5), "Mentoring pairs proposed; the cohort project is set up",
         [("Priya", APPROVAL)], "mentoring:spring-2027:approval"),
    Step(london(2027, 2, 23, 10, 0), "Staff approve the pairs"),
    Step(london(2027, 2, 24, 10, 5), "Mentoring introductions"),
    Step(london(2027, 3, 5, 9, 30), "The agenda for reflection session 1"),
]
