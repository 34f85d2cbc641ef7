"""A second set of held-out replies for the reply reader, written by hand (engineer F4).

INVENTED, NOT corpus strings: none of these come from ../shared/corpus, and they avoid the
wording of test_unseen_replies.py and test_reply_reader.py. Each case was labelled by the
corpus README policy before the reader was run on it. Each is one member's replies in one
thread, replayed in order through the reader and the ledger (as the sign-up job does), and
checked for the last reply's intent and whether the member ends up with a place. When one
fails, fix the general rule it exposes, never the string.
"""

from __future__ import annotations

import pytest
from replies_replay import replay_case

ONLINE = "Online session: Negotiating with suppliers — Wed 4 Feb, 12:30–1:30pm, on Teams"
IN_PERSON = "Spring meetup — Thu 12 Mar, 6–8pm, in person at Islington Town Hall"
MENTION = (
    '<bc-attachment sgid="SGID-{n}" content-type="application/vnd.basecamp.mention">'
    '<figure><img src="x.png"><figcaption>{name}</figcaption></figure></bc-attachment>'
)


def at(name: str) -> str:
    """A Basecamp mention of a member."""
    return MENTION.format(n=len(name), name=name)


def html(text: str) -> str:
    """Plain text as Basecamp comment HTML, one div per line; HTML is passed through."""
    if text.startswith("<"):
        return text
    return "".join(f"<div>{ln}</div>" if ln else "<div><br></div>" for ln in text.split("\n"))


def quote(quoted: str, reply: str) -> str:
    """A reply under a quote of the announcement or of another member."""
    return f"<blockquote>{quoted}</blockquote><div>{reply}</div>"


SIG_AVAILABLE = (
    "\n\nKind regards\nHelen Marsh\nDigital Programme Manager, LB Barnet\n"
    "I am available Mon-Thu - happy to join a call if that helps."
)
SIG_PIPES = (
    "<br>--<br>Fatima Begum | Head of Service Design | LB Ealing<br>"
    "My working days are Tue-Thu; I'm not available on Mondays or Fridays."
)
EMAIL_QUOTE = (
    "<br><br>From: LOTI Network<br>Sent: 2 February 2026 09:14<br>"
    "Subject: Negotiating with suppliers<br>Reply if you'd like to join us - places are limited."
)
OOO_ANNUAL = (
    "Automatic reply: I'm on annual leave until 12 February and will respond when I return. "
    "If your query is urgent please contact digital@example.gov.uk."
)

# (id, announcement, replies (each HTML/text, or (original, edited_to)), intent, signed_up)
CASES: list[tuple[str, str, list, str, bool]] = [
    # --- join ---------------------------------------------------------------------------------
    ("go-on-twisted-arm", ONLINE, ["go on then, you've twisted my arm"], "join", True),
    ("why-not", ONLINE, ["Why not! Sign me up"], "join", True),
    ("deffo-emoji", ONLINE, ["deffo 🙌"], "join", True),
    ("yes-yes-yes", ONLINE, ["yes yes yes"], "join", True),
    ("ooh-lovely", ONLINE, ["Ooh lovely, yes please x"], "join", True),
    ("strong-yes", ONLINE, ["<div><strong>Yes</strong> please!</div>"], "join", True),
    ("delighted", ONLINE, ["I'd be delighted to come along"], "join", True),
    ("count-on-me", ONLINE, ["Absolutely - count on me"], "join", True),
    ("add-me-thanks", ONLINE, ["Please add me, thank you!"], "join", True),
    ("could-i-spot", ONLINE, ["Could I have a spot please? Many thanks"], "join", True),
    ("spaces-left-want-one", ONLINE, ["Any spaces left? I'd like one"], "join", True),
    ("room-for-me", ONLINE, ["Is there still room for me?"], "join", True),
    ("put-me-down-one", ONLINE, ["Put me down for one please"], "join", True),
    ("cond-online", ONLINE, ["I'll come along if it's online"], "join", True),
    ("cond-teams", ONLINE, ["Yes if it's on Teams"], "join", True),
    ("cond-room", ONLINE, ["Happy to come if there's room"], "join", True),
    ("cond-finish", ONLINE, ["Yes, as long as it finishes by 2"], "join", True),
    ("cond-veggie", IN_PERSON, ["I'm in if there's a vegetarian option"], "join", True),
    (
        "long-lurker",
        ONLINE,
        [
            "Hi all, long time lurker! I've been meaning to get more involved in the network "
            "and this topic is exactly what my team has been wrestling with this year, "
            "particularly the supplier contracts coming up for renewal. So yes, please count "
            "me in."
        ],
        "join",
        True,
    ),
    (
        "long-decision-end",
        IN_PERSON,
        [
            "Oh this looks lovely. I missed the winter one because of a consultation deadline "
            "and was kicking myself afterwards, everyone said it was brilliant.\n\n"
            "Anyway - I'll be there."
        ],
        "join",
        True,
    ),
    ("sig-available", ONLINE, ["Yes please!" + SIG_AVAILABLE], "join", True),
    ("sig-not-available", ONLINE, ["<div>Count me in 😊" + SIG_PIPES + "</div>"], "join", True),
    ("side-question", ONLINE, ["I'm in! Does it need cameras on?"], "join", True),
    ("cant-not", IN_PERSON, ["Can't not come to this one!"], "join", True),
    ("not-missing", ONLINE, ["Not going to miss this 👀"], "join", True),
    ("no-way-missing", IN_PERSON, ["There's no way I'm missing this"], "join", True),
    ("wouldnt-say-no", ONLINE, ["I wouldn't say no to a place"], "join", True),
    (
        "cant-think-better",
        ONLINE,
        ["I can't think of a better way to spend a Wednesday lunchtime - count me in"],
        "join",
        True,
    ),
    ("nothing-on", ONLINE, ["Yes - I don't think I've got anything on that day"], "join", True),
    ("me-please-emoji", ONLINE, ["Me please 🙋‍♀️"], "join", True),
    ("sign-me-up-x", ONLINE, ["Sign me up x"], "join", True),
    (
        "quote-ann-i-would",
        ONLINE,
        [quote("Reply here if you'd like a place.", "I would!")],
        "join",
        True,
    ),
    (
        "quote-member-same",
        ONLINE,
        [quote("Yes please, count me in", "Same for me please")],
        "join",
        True,
    ),
    ("emoji-only", ONLINE, ["🙋🏽‍♀️👍"], "join", True),
    ("german", ONLINE, ["Ja, gerne!"], "join", True),
    ("up-my-street", ONLINE, ["Sounds right up my street - please save me a seat"], "join", True),
    (
        "me-and-team",
        ONLINE,
        ["Yes, this would be really useful for me and my team. Please add me."],
        "join",
        True,
    ),
    ("interested-name-down", ONLINE, ["Definitely interested - put my name down"], "join", True),
    ("free-so-yes", ONLINE, ["I'm free that day so yes please"], "join", True),
    ("gladly", ONLINE, ["Gladly!"], "join", True),
    ("hope-space", ONLINE, ["I'd love to join. Hope there's still space!"], "join", True),
    ("bring-laptop", IN_PERSON, ["Yes please, I'll bring my laptop"], "join", True),
    ("cant-say-no", ONLINE, ["I can't say no to this one - yes please"], "join", True),
    ("never-one-to-miss", IN_PERSON, ["Never one to miss a networking do - I'm in"], "join", True),
    ("email-quote-yes", ONLINE, ["<div>Yes please" + EMAIL_QUOTE + "</div>"], "join", True),
    ("outlook-footer", ONLINE, ["Count me in\n\nGet Outlook for iOS"], "join", True),
    (
        "sig-join-us",
        ONLINE,
        [
            "Thanks, I'll join!<br>--<br>Kemi Adebayo (she/her)<br>"
            "Join our Digital Inclusion community: https://example.org/join"
        ],
        "join",
        True,
    ),
    ("to-member-going-too", IN_PERSON, [f"<div>{at('Sam Ade')} I'm going too - see you there!</div>"], "join", True),
    ("to-member-ill-be-there", IN_PERSON, [f"<div>{at('Jo Lee')} yes, I'll be there</div>"], "join", True),
    ("oh-go-on", ONLINE, ["Oh go on then 😄"], "join", True),
    ("yes-bangs", ONLINE, ["Yes!!!!!"], "join", True),
    ("squeeze-in", ONLINE, ["Any chance I could squeeze in?"], "join", True),
    ("still-time", ONLINE, ["Still time to get in on this? I'd love to come"], "join", True),
    (
        "spaces-available-if-so",
        ONLINE,
        ["Are spaces still available? If so please count me in"],
        "join",
        True,
    ),
    ("me-and-colleague", ONLINE, ["Yes please for me and my colleague"], "join", True),
    # --- decline ------------------------------------------------------------------------------
    ("leave-it", ONLINE, ["I'll leave it this time, thanks"], "decline", False),
    ("not-one-for-me", ONLINE, ["Not one for me, but hope it goes well"], "decline", False),
    ("think-sit-out", ONLINE, ["Think I'll sit this one out, thanks all"], "decline", False),
    ("non-working-day", ONLINE, ["Sadly that's my non-working day"], "decline", False),
    (
        "going-to-decline",
        ONLINE,
        ["Thanks for the invite - I'm going to decline as I've got a board meeting that afternoon"],
        "decline",
        False,
    ),
    ("wednesdays-impossible", ONLINE, ["Would love to but Wednesdays are impossible for me"], "decline", False),
    ("like-a-shot", IN_PERSON, ["Oh I'd have been there like a shot but I'm on jury service"], "decline", False),
    (
        "keep-me-posted",
        ONLINE,
        ["Not able to make this one, but please keep me posted about future events"],
        "decline",
        False,
    ),
    ("a-no-from-me", ONLINE, ["It's a no from me this time, sorry!"], "decline", False),
    ("alas-cant", ONLINE, ["Alas, can't"], "decline", False),
    ("wont-be-around", ONLINE, ["I'm afraid I won't be around that week"], "decline", False),
    ("much-as", ONLINE, ["Much as I'd like to, I can't get out of a budget meeting"], "decline", False),
    ("lovely-idea-leave", ONLINE, ["Lovely idea. Unfortunately I'm on leave. Have fun!"], "decline", False),
    ("no-lunchtimes", ONLINE, ["Can't do lunchtimes, sorry"], "decline", False),
    ("pass-this-time", ONLINE, ["Thanks Jo - I'll pass this time"], "decline", False),
    (
        "counterfactual-evening",
        ONLINE,
        ["I'd come if it were in the evening but I can't do lunchtimes"],
        "decline",
        False,
    ),
    ("cond-in-person-ruled-out", ONLINE, ["Yes if it's in person"], "decline", False),
    ("not-free", ONLINE, ["I'm not free that day unfortunately"], "decline", False),
    ("nah", ONLINE, ["nah not for me thanks"], "decline", False),
    (
        "long-decline-end",
        ONLINE,
        [
            "This sounds brilliant and I really enjoyed the last one - the speaker from Camden "
            "was great and I've used loads of what I learnt. I've been trying to move things "
            "around but it's not going to work, so I'll have to miss this one."
        ],
        "decline",
        False,
    ),
    ("no-wont-be-joining", ONLINE, ["No, I won't be joining. Thanks."], "decline", False),
    ("not-this-one-for-me", ONLINE, ["Not this one for me I'm afraid"], "decline", False),
    (
        "not-that-i-dont-want",
        IN_PERSON,
        ["It's not that I don't want to come - I just can't get away that week"],
        "decline",
        False,
    ),
    ("nope-emoji", ONLINE, ["Nope 🙅‍♀️"], "decline", False),
    ("thumbs-down-clash", ONLINE, ["👎 sorry, clashes"], "decline", False),
    (
        "email-quote-no",
        ONLINE,
        ["Sorry, I can't make it<br><br>On Mon 2 Feb 2026, LOTI Network wrote:<br>"
         "&gt; Reply below if you'd like to join us"],
        "decline",
        False,
    ),
    (
        "sig-flexible-available",
        ONLINE,
        ["Sorry, can't make it.\n\nBest,\nRosa\nI work flexibly so I may be available at odd "
         "times; please don't feel you need to reply outside your hours."],
        "decline",
        False,
    ),
    (
        "no-sig-marker-footer",
        ONLINE,
        ["Not for me this time\n\nEllie Cho\nData Lead\nJoin us at the Tech Summit - register here"],
        "decline",
        False,
    ),
    ("cant-send-team", ONLINE, ["I can't attend but I'll send someone from my team"], "decline", False),
    ("cant-deputy", ONLINE, ["I can't make it but could my deputy come instead?"], "decline", False),
    # --- withdraw -----------------------------------------------------------------------------
    (
        "join-then-give-place",
        ONLINE,
        ["Count me in", "So sorry, something's come up and I can't make it now. "
         "Please give my place to someone else"],
        "withdraw",
        False,
    ),
    (
        "join-then-drop-out",
        IN_PERSON,
        ["Yes please!", "Ugh, I've been pulled into an inspection that day - I'll have to drop out"],
        "withdraw",
        False,
    ),
    ("take-me-off", ONLINE, ["Please take me off the list - my plans have changed"], "withdraw", False),
    (
        "join-then-after-all",
        ONLINE,
        ["I'd love a place", "Afraid I can't come after all"],
        "withdraw",
        False,
    ),
    (
        "edit-yes-to-no",
        ONLINE,
        [("Count me in", "Sorry - can't make it after all")],
        "withdraw",
        False,
    ),
    (
        "join-then-not-coming",
        IN_PERSON,
        ["Put me down please", "Really sorry, I'm not going to be able to come now"],
        "withdraw",
        False,
    ),
    # --- decline then join, join then more ----------------------------------------------------
    (
        "decline-then-join",
        ONLINE,
        ["Sadly can't make it", "Good news, my meeting's been moved - is there still a place? "
         "I'd love one"],
        "join",
        True,
    ),
    (
        "decline-then-diary-cleared",
        IN_PERSON,
        ["Not for me this time", "Actually my diary's cleared - count me in if there's still room!"],
        "join",
        True,
    ),
    (
        "join-then-question",
        ONLINE,
        ["Count me in", "Is there a dial-in for the first 10 minutes? I'll be travelling"],
        "question",
        True,
    ),
    ("join-then-thanks", ONLINE, ["Yes please", "Thanks so much for organising!"], "other", True),
    ("join-then-ooo", ONLINE, ["Yes please", OOO_ANNUAL], "other", True),
    # --- maybe --------------------------------------------------------------------------------
    ("tentative-diary", ONLINE, ["Tentatively yes - need to check my diary"], "maybe", False),
    ("provisional-friday", ONLINE, ["Provisionally yes, I'll confirm by Friday"], "maybe", False),
    ("should-be-able", ONLINE, ["Should be able to, I'll confirm nearer the time"], "maybe", False),
    ("do-my-best", IN_PERSON, ["I'll do my best to get there"], "maybe", False),
    ("possibly-budget", ONLINE, ["Possibly, depends how the budget meeting goes"], "maybe", False),
    ("not-sure-let-know", ONLINE, ["Not sure yet - can I let you know next week?"], "maybe", False),
    ("hopefully-square", ONLINE, ["Hopefully! Just need to square it with my manager"], "maybe", False),
    ("may-clash", ONLINE, ["I'd like to but may have a clash - will confirm"], "maybe", False),
    ("could-be-maybe", ONLINE, ["Could be a maybe from me"], "maybe", False),
    ("probably-dont-hold", ONLINE, ["Probably yes, but don't hold a place just yet"], "maybe", False),
    # --- question -----------------------------------------------------------------------------
    ("how-many-left", ONLINE, ["How many spaces are left?"], "question", False),
    ("outside-london", ONLINE, ["Is this open to people outside London?"], "question", False),
    ("recorded", ONLINE, ["Will it be recorded?"], "question", False),
    ("dress-code", IN_PERSON, ["What's the dress code for the evening?"], "question", False),
    ("where-venue", IN_PERSON, ["Hi, where exactly is the venue?"], "question", False),
    ("still-places", ONLINE, ["Are there still places?"], "question", False),
    ("suitable-new", ONLINE, ["Is it suitable for people new to procurement?"], "question", False),
    ("bring-anything", IN_PERSON, ["Quick one - do I need to bring anything?"], "question", False),
    # --- other --------------------------------------------------------------------------------
    ("to-member-you-should", ONLINE, [f"<div>{at('Jo Lee')} yes you should!</div>"], "other", False),
    ("mention-would-love", ONLINE, [f"<div>{at('Priya Shah')} would love this</div>"], "other", False),
    ("can-my-colleague", ONLINE, ["Can my colleague come?"], "other", False),
    ("add-colleague", ONLINE, ["Please add my colleague Sam Okafor, she's keen"], "other", False),
    (
        "mention-up-street",
        ONLINE,
        [f"<div>{at('Amira Khan')} have you seen this? Right up your street</div>"],
        "other",
        False,
    ),
    ("colleague-place", ONLINE, ["Could my colleague Dami have a place? She's new to the team"], "other", False),
    ("thanks-last-one", ONLINE, ["Thanks so much for setting this up - the last one was brilliant"], "other", False),
    ("ooo-annual", ONLINE, [OOO_ANNUAL], "other", False),
    (
        "ooo-desk",
        ONLINE,
        ["Hello, I'm away from my desk until Monday with limited access to email. "
         "For anything urgent please email digital@example.gov.uk"],
        "other",
        False,
    ),
    (
        "ooo-maternity",
        ONLINE,
        ["I'm currently on maternity leave and not checking messages. Please contact my "
         "colleague Ruth Hale, who will be happy to help."],
        "other",
        False,
    ),
    (
        "ooo-return",
        ONLINE,
        ["Thank you for getting in touch. I'm out until 3 March and will pick up your message "
         "on my return. I'd be glad to attend to it then."],
        "other",
        False,
    ),
    (
        "ooo-part-time",
        ONLINE,
        ["I now work Monday to Wednesday only. Your message will be read on my next working "
         "day - I'm not available to join calls on Thursdays or Fridays."],
        "other",
        False,
    ),
    ("signups-great", ONLINE, ["Great to see so many people signing up!"], "other", False),
    (
        "to-member-went-last-time",
        ONLINE,
        [f"<div>{at('Sam Ade')} yes, I went last time, it was great</div>"],
        "other",
        False,
    ),
    ("congrats-member", ONLINE, [f"<div>Congratulations on the new role {at('Jo Lee')}!</div>"], "other", False),
]


def _case(announcement: str, replies: list) -> dict:
    out = []
    for reply in replies:
        original, edited = reply if isinstance(reply, tuple) else (reply, None)
        out.append({"html": html(original), "edited_to": html(edited) if edited else None})
    return {"announcement": announcement, "replies": out}


@pytest.mark.parametrize(
    ("announcement", "replies", "intent", "signed_up"),
    [pytest.param(a, r, i, s, id=cid) for cid, a, r, i, s in CASES],
)
def test_unseen_reply_sequence(announcement: str, replies: list, intent: str, signed_up: bool) -> None:
    result = replay_case(_case(announcement, replies))
    assert (result.last.intent, result.signed_up) == (intent, signed_up), result.last.reasons
