"""Tables behind sign-ups: threads, the replies read on them, acknowledgements, staff changes."""

from sqlalchemy import BigInteger, Boolean, Column, Integer, String, Table, Text

from bot.store.tables import UTCDateTime, metadata

# One sign-up thread: an announcement the bot posted, with the rules for its places.
# line/participants remember what was last written, so edits happen only on a change.
signup_threads = Table(
    "signup_threads",
    metadata,
    Column("key", String(255), primary_key=True),
    Column("recording_id", BigInteger, nullable=False, unique=True),
    Column("project_id", BigInteger, nullable=False),
    Column("title", Text, nullable=False),
    Column("rules", Text, nullable=False),  # SignupRules as JSON
    Column("subject", Text, nullable=False),
    Column("announcement_html", Text, nullable=False),  # contains PLACES_MARKER
    Column("schedule_entry_id", BigInteger, nullable=True),
    Column("opened_at", UTCDateTime, nullable=False),
    Column("line", Text, nullable=True),
    Column("line_version", Integer, nullable=False, default=0),
    Column("participants", Text, nullable=True),  # sorted person ids, comma-separated
    Column("participants_version", Integer, nullable=False, default=0),
)

# The current reading of each reply on a sign-up thread (re-read when its updated_at changes).
signup_replies = Table(
    "signup_replies",
    metadata,
    Column("comment_id", BigInteger, primary_key=True),
    Column("thread_key", String(255), nullable=False, index=True),
    Column("person_id", BigInteger, nullable=False),
    Column("name", Text, nullable=False),
    Column("email", Text, nullable=True),
    Column("sgid", Text, nullable=True),
    Column("organisation", Text, nullable=True),  # member org key, else company name
    Column("org_known", Boolean, nullable=False, default=False),  # matched a member org
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    # Its place in reply order: when it was written, or when an edit changed its meaning
    # (an edit to "yes" joins the back of the queue; it can't take a place already given).
    Column("effective_at", UTCDateTime, nullable=False),
    Column("intent", String(20), nullable=False),
    Column("reasons", Text, nullable=False),  # JSON list
    Column("referral", Boolean, nullable=False, default=False),
    Column("mentions", Text, nullable=False, default="[]"),  # JSON [[name, sgid], ...]
    Column("app_url", Text, nullable=True),
    Column("trashed", Boolean, nullable=False, default=False),
)

# The one current acknowledgement of each reply. version bumps when the outcome changes,
# so the Outbox keys of the old and new acknowledgement differ.
signup_acks = Table(
    "signup_acks",
    metadata,
    Column("comment_id", BigInteger, primary_key=True),
    Column("thread_key", String(255), nullable=False, index=True),
    Column("label", Text, nullable=False),
    Column("kind", String(10), nullable=False),  # boost | comment | none
    Column("version", Integer, nullable=False),
    Column("item_id", BigInteger, nullable=True),  # the boost or comment posted
    Column("pending", Boolean, nullable=False, default=True),
)

# Staff adding or removing someone by email (loti-bot signups EVENT --add/--remove EMAIL).
signup_staff_actions = Table(
    "signup_staff_actions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("thread_key", String(255), nullable=False, index=True),
    Column("email", Text, nullable=False),
    Column("action", String(10), nullable=False),  # add | remove
    Column("at", UTCDateTime, nullable=False),
)

# A reply the bot could not read for sure, and the one question it asked about it.
# Shared by sign-up and mentoring threads (`feature`). The question is asked once per reply;
# the member's next reply, a boost on the question, or an edit of the reply answers it.
reply_questions = Table(
    "reply_questions",
    metadata,
    Column("comment_id", BigInteger, primary_key=True),  # the reply asked about
    Column("feature", String(20), nullable=False),  # signup | mentoring
    Column("thread_key", String(255), nullable=False, index=True),
    Column("thread_id", BigInteger, nullable=False),  # the recording the reply is on
    Column("person_id", BigInteger, nullable=False),
    Column("name", Text, nullable=False),
    Column("email", Text, nullable=True),
    Column("link", Text, nullable=True),  # the reply's app URL, for staff
    Column("asked_at", UTCDateTime, nullable=False),
    Column("question_id", BigInteger, nullable=True),  # the bot's question comment
    Column("status", String(12), nullable=False),  # open | answered | withdrawn
    Column("answer", String(20), nullable=True),  # the intent the answer gave
    Column("answered_by", String(40), nullable=True),  # comment:<id> | boost:<id> | edit
    Column("not_english", Boolean, nullable=False, default=False),
)
