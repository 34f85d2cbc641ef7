# ruff: noqa: E501  (a table of invented replies reads better one per line)
"""A second set of held-out replies for the reply reader, written by hand (engineer F4).

INVENTED, NOT corpus strings: none of these come from ../shared/corpus, and they avoid the
wording of test_unseen_replies.py and test_reply_reader.py. Each case was labelled by the
corpus README policy before the reader was run on it. Each is one member's replies in one
thread, replayed in order through the reader and the ledger (as the sign-up job does), and
checked for the last reply's intent and whether the member ends up with a place. When one
fails, fix the general rule it exposes, never the string.

Written in rounds, each labelled first and then run: the first 129 cases (named ids) on
the reader as it was (signed_up precision 0.983, recall 0.950, intent 0.915), then three
rounds of probes (p*, q*, r*) written after the previous round's fixes, then a last round
(s*) that scored 28 of 30 before its two fixes, a fifth (t*): 20 of 30, no false
yes, recall 0.692, and a sixth (u*): 19 of 24, no false yes, recall 0.846, each before
its own fixes.
"""

from __future__ import annotations

from replies_replay import at, sequence_test

ONLINE = "Online session: Negotiating with suppliers — Wed 4 Feb, 12:30–1:30pm, on Teams"
IN_PERSON = "Spring meetup — Thu 12 Mar, 6–8pm, in person at Islington Town Hall"
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
    (
        "to-member-going-too",
        IN_PERSON,
        [f"<div>{at('Sam Ade')} I'm going too - see you there!</div>"],
        "join",
        True,
    ),
    (
        "to-member-ill-be-there",
        IN_PERSON,
        [f"<div>{at('Jo Lee')} yes, I'll be there</div>"],
        "join",
        True,
    ),
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
    (
        "wednesdays-impossible",
        ONLINE,
        ["Would love to but Wednesdays are impossible for me"],
        "decline",
        False,
    ),
    (
        "like-a-shot",
        IN_PERSON,
        ["Oh I'd have been there like a shot but I'm on jury service"],
        "decline",
        False,
    ),
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
    (
        "much-as",
        ONLINE,
        ["Much as I'd like to, I can't get out of a budget meeting"],
        "decline",
        False,
    ),
    (
        "lovely-idea-leave",
        ONLINE,
        ["Lovely idea. Unfortunately I'm on leave. Have fun!"],
        "decline",
        False,
    ),
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
        [
            "Sorry, I can't make it<br><br>On Mon 2 Feb 2026, LOTI Network wrote:<br>"
            "&gt; Reply below if you'd like to join us"
        ],
        "decline",
        False,
    ),
    (
        "sig-flexible-available",
        ONLINE,
        [
            "Sorry, can't make it.\n\nBest,\nRosa\nI work flexibly so I may be available at odd "
            "times; please don't feel you need to reply outside your hours."
        ],
        "decline",
        False,
    ),
    (
        "no-sig-marker-footer",
        ONLINE,
        [
            "Not for me this time\n\nEllie Cho\nData Lead\nJoin us at the Tech Summit - register here"
        ],
        "decline",
        False,
    ),
    (
        "cant-send-team",
        ONLINE,
        ["I can't attend but I'll send someone from my team"],
        "decline",
        False,
    ),
    (
        "cant-deputy",
        ONLINE,
        ["I can't make it but could my deputy come instead?"],
        "decline",
        False,
    ),
    # --- withdraw -----------------------------------------------------------------------------
    (
        "join-then-give-place",
        ONLINE,
        [
            "Count me in",
            "So sorry, something's come up and I can't make it now. "
            "Please give my place to someone else",
        ],
        "withdraw",
        False,
    ),
    (
        "join-then-drop-out",
        IN_PERSON,
        [
            "Yes please!",
            "Ugh, I've been pulled into an inspection that day - I'll have to drop out",
        ],
        "withdraw",
        False,
    ),
    (
        "take-me-off",
        ONLINE,
        ["Please take me off the list - my plans have changed"],
        "withdraw",
        False,
    ),
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
        [
            "Sadly can't make it",
            "Good news, my meeting's been moved - is there still a place? I'd love one",
        ],
        "join",
        True,
    ),
    (
        "decline-then-diary-cleared",
        IN_PERSON,
        [
            "Not for me this time",
            "Actually my diary's cleared - count me in if there's still room!",
        ],
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
    (
        "hopefully-square",
        ONLINE,
        ["Hopefully! Just need to square it with my manager"],
        "maybe",
        False,
    ),
    ("may-clash", ONLINE, ["I'd like to but may have a clash - will confirm"], "maybe", False),
    ("could-be-maybe", ONLINE, ["Could be a maybe from me"], "maybe", False),
    (
        "probably-dont-hold",
        ONLINE,
        ["Probably yes, but don't hold a place just yet"],
        "maybe",
        False,
    ),
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
    (
        "to-member-you-should",
        ONLINE,
        [f"<div>{at('Jo Lee')} yes you should!</div>"],
        "other",
        False,
    ),
    (
        "mention-would-love",
        ONLINE,
        [f"<div>{at('Priya Shah')} would love this</div>"],
        "other",
        False,
    ),
    ("can-my-colleague", ONLINE, ["Can my colleague come?"], "other", False),
    ("add-colleague", ONLINE, ["Please add my colleague Sam Okafor, she's keen"], "other", False),
    (
        "mention-up-street",
        ONLINE,
        [f"<div>{at('Amira Khan')} have you seen this? Right up your street</div>"],
        "other",
        False,
    ),
    (
        "colleague-place",
        ONLINE,
        ["Could my colleague Dami have a place? She's new to the team"],
        "other",
        False,
    ),
    (
        "thanks-last-one",
        ONLINE,
        ["Thanks so much for setting this up - the last one was brilliant"],
        "other",
        False,
    ),
    ("ooo-annual", ONLINE, [OOO_ANNUAL], "other", False),
    (
        "ooo-desk",
        ONLINE,
        [
            "Hello, I'm away from my desk until Monday with limited access to email. "
            "For anything urgent please email digital@example.gov.uk"
        ],
        "other",
        False,
    ),
    (
        "ooo-maternity",
        ONLINE,
        [
            "I'm currently on maternity leave and not checking messages. Please contact my "
            "colleague Ruth Hale, who will be happy to help."
        ],
        "other",
        False,
    ),
    (
        "ooo-return",
        ONLINE,
        [
            "Thank you for getting in touch. I'm out until 3 March and will pick up your message "
            "on my return. I'd be glad to attend to it then."
        ],
        "other",
        False,
    ),
    (
        "ooo-part-time",
        ONLINE,
        [
            "I now work Monday to Wednesday only. Your message will be read on my next working "
            "day - I'm not available to join calls on Thursdays or Fridays."
        ],
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
    (
        "congrats-member",
        ONLINE,
        [f"<div>Congratulations on the new role {at('Jo Lee')}!</div>"],
        "other",
        False,
    ),
    # --- second and third rounds: probes written after the first fixes (p*, q*, r*) ---
    ("p1", ONLINE, ["Yes, I saw this - sadly I can't make it"], "decline", False),
    ("p2", ONLINE, ["Yes! Oh no wait, it's a Wednesday - I can't do Wednesdays"], "decline", False),
    ("p3", ONLINE, ["I'd love to... if only it wasn't on a Wednesday!"], "decline", False),
    ("p4", ONLINE, ["Great, thanks. I'll see if I can make it"], "maybe", False),
    ("p5", ONLINE, ["Yes, I'm interested but can't commit yet"], "maybe", False),
    ("p6", ONLINE, ["I'll be on leave so no, sorry"], "decline", False),
    ("p7", ONLINE, ["Count me in?"], "join", True),
    ("p8", ONLINE, ["Is there a waiting list? Happy to go on it"], "join", True),
    (
        "p9",
        ONLINE,
        ["I attended last year and loved it! Highly recommend everyone signs up."],
        "other",
        False,
    ),
    ("p10", ONLINE, ["Everyone should sign up, it's fab"], "other", False),
    ("p11", ONLINE, ["So glad this is running again 🎉"], "other", False),
    ("p12", ONLINE, ["Sorry for the late reply! Yes please"], "join", True),
    ("p13", ONLINE, ["Sorry, is this for managers only?"], "question", False),
    ("p14", ONLINE, ["No worries if it's full, but I'd love to come"], "join", True),
    ("p15", ONLINE, ["Don't count me in this time"], "decline", False),
    ("p16", ONLINE, ["Please don't save me a place"], "decline", False),
    ("p17", ONLINE, ["I'm not in this time"], "decline", False),
    ("p18", ONLINE, ["No I'm not coming"], "decline", False),
    ("p19", ONLINE, ["Not sure I'm in London that day - will check"], "maybe", False),
    ("p20", IN_PERSON, ["I won't be joining in person but will watch online"], "decline", False),
    ("p21", ONLINE, ["Can I join late? I've got a meeting until 1"], "join", True),
    ("p22", ONLINE, ["Sorry I missed the last one! Count me in for this"], "join", True),
    ("p23", ONLINE, ["I'm out that day, sorry"], "decline", False),
    ("p24", ONLINE, ["That's my birthday! So no 😂"], "decline", False),
    ("p25", ONLINE, ["Yes please! (If it's not too late)"], "join", True),
    ("p26", ONLINE, ["Not available, sorry"], "decline", False),
    ("p27", ONLINE, ["I'm available! Sign me up"], "join", True),
    ("p28", ONLINE, ["I'm available that day 👍"], "join", True),
    (
        "p29",
        ONLINE,
        [
            "Thank you for your message. I no longer work at the London Borough of Brent. Please contact enquiries@brent.example"
        ],
        "other",
        False,
    ),
    (
        "p30",
        ONLINE,
        ["I'm on leave with no access to Basecamp until 20 Feb. I'll reply when I'm back."],
        "other",
        False,
    ),
    ("p31", ONLINE, ["Out of office: back Monday"], "other", False),
    ("p32", ONLINE, ["I'm off on Wednesdays so can't do this"], "decline", False),
    (
        "p33",
        ONLINE,
        [f"<div>{at('Jo Lee')} can't make it, can you go in my place?</div>"],
        "decline",
        False,
    ),
    ("p34", ONLINE, ["Wish I could!"], "decline", False),
    ("p35", ONLINE, ["Would if I could!"], "decline", False),
    ("p36", ONLINE, ["Yes, definitely not one to miss"], "join", True),
    ("p37", IN_PERSON, ["Absolutely no chance I'm missing this"], "join", True),
    ("p38", ONLINE, ["Can I still sign up?"], "join", True),
    ("p39", ONLINE, ["Have you got room for one more? 🙋‍♀️"], "join", True),
    (
        "p40",
        ONLINE,
        [f"<div>Yes please - my colleague {at('Sam Ade')} might want to come too</div>"],
        "join",
        True,
    ),
    ("p41", ONLINE, [f"<div>Yes please, and please add {at('Sam Ade')} too</div>"], "join", True),
    (
        "p42",
        ONLINE,
        ["Count me in", "Sorry, I've double booked myself, I'll have to pull out"],
        "withdraw",
        False,
    ),
    ("p43", ONLINE, ["Can't make it", "Thanks for the recording link!"], "other", False),
    ("p44", ONLINE, ["Maybe", "Confirmed - I can come!"], "join", True),
    ("p45", ONLINE, ["Count me in", "Count me in"], "join", True),
    ("p46", ONLINE, [("Yes please", "Yes please - but I'll have to leave at 1")], "join", True),
    (
        "p47",
        ONLINE,
        [("Yes please", "<div><del>Yes please</del> Sorry, turns out I'm on leave</div>")],
        "withdraw",
        False,
    ),
    (
        "p48",
        ONLINE,
        ["I'm not coming, sorry - but my colleague would love a place"],
        "decline",
        False,
    ),
    (
        "p49",
        ONLINE,
        ["Yes - I'm not going to be able to stay for the whole thing though"],
        "join",
        True,
    ),
    (
        "p50",
        ONLINE,
        ["I was hoping to come but I'm now on a training course that day"],
        "decline",
        False,
    ),
    ("p51", ONLINE, ["Yes, happy to - although I can't stay past 1"], "join", True),
    ("p52", ONLINE, ["Not this time x"], "decline", False),
    ("p53", ONLINE, ["Love this! Not sure I can make it though"], "maybe", False),
    ("p54", ONLINE, ["Sorry - no"], "decline", False),
    (
        "p56",
        ONLINE,
        [
            "yes 👍\n\nRegards,\nAnne\nPlease note I do not work Fridays and cannot attend meetings after 4pm"
        ],
        "join",
        True,
    ),
    (
        "p57",
        ONLINE,
        ["Sorry, can't make it.\n\nThanks,\nAnne\nBook a place on our next webinar: count me in!"],
        "decline",
        False,
    ),
    (
        "p58",
        ONLINE,
        [
            "<div>Sounds great</div><div>---</div><div>Confidentiality: this email may be read by others. Yes, we can attend meetings.</div>"
        ],
        "other",
        False,
    ),
    ("p59", ONLINE, ["Keep me posted on future ones, can't make this"], "decline", False),
    (
        "p60",
        ONLINE,
        ["Is this the one I signed up for last week? I'd still like to come"],
        "join",
        True,
    ),
    (
        "q1",
        ONLINE,
        [
            "Hi, thanks for your email. I'm working reduced hours this month and may take longer to respond. I'll be in touch as soon as I can."
        ],
        "other",
        False,
    ),
    (
        "q2",
        ONLINE,
        [
            "I'm away until 16 February. During this time I won't be checking Basecamp. For urgent matters contact the digital team."
        ],
        "other",
        False,
    ),
    (
        "q3",
        ONLINE,
        ["Please note I'm on parental leave until April. Messages will not be forwarded."],
        "other",
        False,
    ),
    ("q4", ONLINE, ["<div>Auto-response: I am out of the office today.</div>"], "other", False),
    (
        "q5",
        ONLINE,
        [
            "I'm on annual leave returning on 9th March. I will respond to your message then. Thanks, Jess"
        ],
        "other",
        False,
    ),
    (
        "q6",
        ONLINE,
        [
            "Yes please!\n\nThanks,\nNaomi\n\nI'm currently on a phased return and may be slow to reply."
        ],
        "join",
        True,
    ),
    (
        "q7",
        IN_PERSON,
        [f"<div>{at('Jo Lee')} I'd definitely recommend it - I went to the last one</div>"],
        "other",
        False,
    ),
    (
        "q8",
        IN_PERSON,
        [f"<div>{at('Jo Lee')} are you going? If you are, I'll come too!</div>"],
        "join",
        True,
    ),
    ("q9", ONLINE, [f"<div>{at('Jo Lee')} shall we go together?</div>"], "other", False),
    (
        "q10",
        ONLINE,
        [quote("Sadly can't make this one, have fun all", "Me neither, sorry")],
        "decline",
        False,
    ),
    ("q11", ONLINE, [quote("Could I have a place please?", "+1 for me")], "join", True),
    (
        "q12",
        ONLINE,
        [quote("Yes please count me in", "Lovely to see you're going Amy!")],
        "other",
        False,
    ),
    (
        "q13",
        ONLINE,
        [
            "So I've had a look at my diary and I've got a team meeting, a 1:1 and a budget review that day, and honestly I'm exhausted just looking at it. But this is exactly the kind of thing I need, so I'm moving things around. Count me in."
        ],
        "join",
        True,
    ),
    (
        "q14",
        ONLINE,
        [
            "I've been really looking forward to this one since it was first mentioned at the conference in November and I've told all my team about it. Sadly though I've just been told I need to be at an all-day inspection, so I won't be able to come."
        ],
        "decline",
        False,
    ),
    ("q15", ONLINE, ["Yes, though I might be a few minutes late"], "join", True),
    ("q16", ONLINE, ["Yes, if I can get cover"], "maybe", False),
    ("q17", ONLINE, ["Yes - provided my train isn't cancelled 🙃"], "join", True),
    ("q19", ONLINE, ["Not sure - is it suitable for beginners? If so, count me in"], "join", True),
    ("q21", ONLINE, ["I'd like to attend, assuming my leave gets approved"], "maybe", False),
    ("q22", ONLINE, ["I can't not sign up for this 😍"], "join", True),
    ("q23", ONLINE, ["Never say no to a free lunch! Put me down"], "join", True),
    (
        "q24",
        ONLINE,
        ["It's not that I can't make it, I just don't think it's for me"],
        "decline",
        False,
    ),
    ("q25", ONLINE, ["I'm unable to attend, apologies"], "decline", False),
    ("q26", ONLINE, ["Apologies, I'm in Birmingham that day"], "decline", False),
    ("q27", ONLINE, ["Regrettably I have a prior engagement"], "decline", False),
    ("q28", ONLINE, ["Diary clash I'm afraid"], "decline", False),
    (
        "q29",
        ONLINE,
        ["Will it be on Teams or Zoom? Need to check my laptop works with Zoom"],
        "question",
        False,
    ),
    ("q30", ONLINE, ["Hi - how long is the session?"], "question", False),
    ("q31", ONLINE, ["Are there places left for next month's one?"], "question", False),
    ("q32", ONLINE, ["Can we get a copy of the slides?"], "question", False),
    ("q33", ONLINE, ["Is there space for me and two colleagues?"], "join", True),
    (
        "q34",
        ONLINE,
        [
            "Could you please book my colleague Ayesha onto this? She can't reply as she's not on Basecamp yet"
        ],
        "other",
        False,
    ),
    (
        "q35",
        ONLINE,
        ["I think my manager would find this useful - forwarding it to her now"],
        "other",
        False,
    ),
    ("q36", ONLINE, ["Thanks for the reminder!"], "other", False),
    ("q37", ONLINE, ["Lovely to see this happening 😊 Well done the team"], "other", False),
    (
        "q38",
        ONLINE,
        ["Yes please", "Sorry, turns out I'm on leave that week - please free up my place"],
        "withdraw",
        False,
    ),
    ("q39", ONLINE, ["Maybe!", "Sorry, it's a no - couldn't get cover"], "decline", False),
    (
        "q40",
        ONLINE,
        ["Can't make it sorry", "Oh hang on, the meeting's been cancelled - yes please!"],
        "join",
        True,
    ),
    (
        "q41",
        ONLINE,
        ["Yes please", "Is there a reading list beforehand?", "Thanks!"],
        "other",
        True,
    ),
    (
        "q42",
        ONLINE,
        ["Please add me", "Actually, please could you remove me? Clashing with a council meeting"],
        "withdraw",
        False,
    ),
    ("q43", ONLINE, [("Yes please!", "Yes please! (Will bring a notebook)")], "join", True),
    ("q44", ONLINE, [("Might come", "Confirmed, I'll be there")], "join", True),
    ("q45", ONLINE, ["yea go on"], "join", True),
    ("q46", ONLINE, ["Yesss 🙌 finally!"], "join", True),
    ("q47", ONLINE, ["I'll take one!"], "join", True),
    ("q48", ONLINE, ["Ooh me me me!"], "join", True),
    ("q49", ONLINE, ["Righto, stick me down"], "join", True),
    ("q50", ONLINE, ["Can't come, but thanks for thinking of me x"], "decline", False),
    ("q51", ONLINE, ["Count me in - and can I bring my colleague?"], "join", True),
    (
        "q52",
        ONLINE,
        ["Yes please - I'd also love to know if it's recorded for my team"],
        "join",
        True,
    ),
    ("q53", ONLINE, ["I don't think so, sorry"], "decline", False),
    ("q55", ONLINE, ["Doubt I'll make it, but thanks"], "decline", False),
    ("q56", ONLINE, ["Unlikely I'll make it this time, sorry"], "decline", False),
    ("q57", ONLINE, ["Probably not, sorry"], "decline", False),
    ("q58", ONLINE, ["Not this time but hope to next"], "decline", False),
    ("q59", ONLINE, ["I'm a definite yes"], "join", True),
    ("q60", ONLINE, ["It's a yes from me!"], "join", True),
    ("r1", ONLINE, [quote("Count me in!", "Not me this time I'm afraid")], "decline", False),
    (
        "r2",
        ONLINE,
        [quote("Does anyone know if it's recorded?", "Yes, it usually is")],
        "other",
        False,
    ),
    (
        "r3",
        ONLINE,
        [
            "Out of office until Monday. If you'd like to join our newsletter, click here. Count me in for nothing urgent."
        ],
        "other",
        False,
    ),
    (
        "r4",
        ONLINE,
        [
            "Sorry, I can't make it\n\nJane Doe\nHead of Digital\nJoin me at the LGA conference - I'll be there!"
        ],
        "decline",
        False,
    ),
    ("r5", ONLINE, ["No thanks\n\nCheers\nJo\n\nYes, I'm on Teams 9-5"], "decline", False),
    ("r7", ONLINE, ["Did anyone go to the last one? Was it worth it?"], "question", False),
    ("r8", ONLINE, ["Yes, I got the email, thanks"], "other", False),
    ("r9", ONLINE, ["Is it OK if I join for only the first half?"], "join", True),
    (
        "r10",
        ONLINE,
        ["Not keen on online sessions, I'll wait for an in-person one"],
        "decline",
        False,
    ),
    ("r11", ONLINE, ["I'd rather not, thanks"], "decline", False),
    ("r12", ONLINE, ["I'd have said count me in but I'm on leave"], "decline", False),
    ("r13", ONLINE, ["Would've loved to, sadly I'm away"], "decline", False),
    ("r14", ONLINE, ["I'm in two minds - will let you know"], "maybe", False),
    ("r15", ONLINE, ["I'm in Leeds that day so sadly no"], "decline", False),
    ("r16", ONLINE, ["I'm in the office that day, so I can join from there"], "join", True),
    ("r17", ONLINE, ["Can't wait for this one! Sign me up"], "join", True),
    ("r18", ONLINE, ["Yes - oh no, hang on, I'm on leave. Sorry!"], "decline", False),
    (
        "r19",
        ONLINE,
        ["I signed up last time and didn't come, so I'll leave it for someone else"],
        "decline",
        False,
    ),
    ("r20", ONLINE, ["Please keep a place for me!"], "join", True),
    (
        "r21",
        ONLINE,
        ["Is it first come first served? If so I'd like to put my name down"],
        "join",
        True,
    ),
    ("r22", ONLINE, ["I'm going to say yes!"], "join", True),
    ("r23", ONLINE, ["I'm going to say no this time"], "decline", False),
    ("r24", ONLINE, ["Thanks for asking - no"], "decline", False),
    ("r25", ONLINE, ["Erm, yes?"], "join", True),
    ("r26", ONLINE, ["Has anyone else had trouble with the Teams link?"], "question", False),
    ("r27", ONLINE, ["yes please but I can only stay for half an hour"], "join", True),
    ("r28", ONLINE, ["Yes please! I'll be joining from home"], "join", True),
    ("r29", ONLINE, ["No, I'm sure it will be great though. Enjoy!"], "decline", False),
    ("r30", ONLINE, ["Sadly not 😞"], "decline", False),
    # --- fourth round (s*): measured before any fix for it: 28 of 30 ---
    (
        "s1",
        ONLINE,
        ["Ah this looks great! I'm on a course that week though so will have to miss it"],
        "decline",
        False,
    ),
    ("s2", ONLINE, ["Put me down as a yes!"], "join", True),
    (
        "s3",
        ONLINE,
        ["Yes from me - and thank you for organising these, they're so useful"],
        "join",
        True,
    ),
    ("s4", ONLINE, ["Thank you! I'll be there with my notebook"], "join", True),
    ("s5", ONLINE, ["Count me out I'm afraid - enjoy!"], "decline", False),
    (
        "s6",
        ONLINE,
        ["I'm really sorry, I've realised I can't make it after all. Hope it goes well"],
        "withdraw",
        False,
    ),
    ("s7", ONLINE, ["Please could I reserve a place?"], "join", True),
    (
        "s8",
        ONLINE,
        ["Interested! Is it suitable for someone just starting out in procurement?"],
        "join",
        True,
    ),
    ("s9", ONLINE, ["Could someone tell me how long it runs?"], "question", False),
    (
        "s10",
        ONLINE,
        [
            "<div>Thanks! <strong>Count me in.</strong></div><div><br></div><div>Emma</div><div>Emma Clarke | Digital Lead | RB Kingston</div>"
        ],
        "join",
        True,
    ),
    (
        "s11",
        ONLINE,
        [
            "<div>Hi team,</div><div>Unfortunately I'm leading a workshop that afternoon so I can't join.</div><div>Best wishes,</div><div>Lucy</div>"
        ],
        "decline",
        False,
    ),
    (
        "s12",
        ONLINE,
        [f"<div>{at('Nadia Rahman')} thank you for sharing! I'd really like to come</div>"],
        "join",
        True,
    ),
    (
        "s13",
        ONLINE,
        [f"<div>{at('Nadia Rahman')} do you know if it'll be recorded?</div>"],
        "other",
        False,
    ),
    ("s14", ONLINE, ["I'd be up for it, if there's room"], "join", True),
    ("s15", ONLINE, ["It clashes with our DMT unfortunately"], "decline", False),
    ("s16", ONLINE, ["Loved the last one - I'll definitely be at this one too"], "join", True),
    ("s17", ONLINE, ["Can't do 12:30, sorry - any chance of a repeat?"], "decline", False),
    ("s18", ONLINE, ["I might be late but yes please"], "join", True),
    ("s19", ONLINE, ["Yes please, but I might be a bit late"], "join", True),
    ("s20", ONLINE, ["I'm not sure yet, sorry - let me get back to you"], "maybe", False),
    (
        "s21",
        ONLINE,
        ["Yes please!", "Oh no - just realised I'm on leave that day. Sorry, please take me off"],
        "withdraw",
        False,
    ),
    ("s22", ONLINE, ["Sorry can't make it", "Thanks all, have a great session"], "other", False),
    ("s23", ONLINE, ["I'd like a place please", "What's the Teams link?"], "question", True),
    ("s24", ONLINE, ["Hmm, probably, I'll confirm on Monday"], "maybe", False),
    (
        "s25",
        ONLINE,
        ["I'm definitely interested but will need to check my diary first"],
        "maybe",
        False,
    ),
    ("s26", ONLINE, ["Thanks for the nudge - yes, sign me up"], "join", True),
    ("s27", ONLINE, ["I'd love to go to one of these one day!"], "other", False),
    (
        "s28",
        ONLINE,
        [
            "Thank you for your email. Please note I have changed roles and this inbox is no longer monitored."
        ],
        "other",
        False,
    ),
    ("s29", ONLINE, ["Gutted, can't make that date"], "decline", False),
    ("s30", ONLINE, ["Yes count me in, thanks!"], "join", True),
    # --- fifth round (t*): measured before any fix for it: precision 1.000, recall 0.692 ---
    ("t1", IN_PERSON, ["Yes! Will there be veggie food? Either way I'm coming 😄"], "join", True),
    ("t2", IN_PERSON, ["I'll pop along after work"], "join", True),
    ("t3", IN_PERSON, ["Afraid I'm otherwise engaged that evening"], "decline", False),
    ("t4", IN_PERSON, ["Can't do evenings with the kids, sorry"], "decline", False),
    ("t5", ONLINE, ["Oh go on, put me down for a place"], "join", True),
    ("t6", ONLINE, ["I'm keen - is there still room?"], "join", True),
    ("t7", ONLINE, ["yes plz"], "join", True),
    ("t8", ONLINE, ["Yes!! Been waiting for something like this"], "join", True),
    ("t9", ONLINE, ["Ooh tempting... but no, too much on"], "decline", False),
    ("t10", ONLINE, ["Sorry, I'm going to be on leave then"], "decline", False),
    ("t11", ONLINE, ["Would you mind adding me?"], "join", True),
    ("t12", ONLINE, ["Can you confirm whether I got a place?"], "question", False),
    ("t13", ONLINE, ["Hi, I registered but then had to cancel - can I re-register?"], "join", True),
    (
        "t14",
        ONLINE,
        ["<div>Yes please<br><br>Dr Amara Osei<br>Chief Digital Officer</div>"],
        "join",
        True,
    ),
    ("t15", ONLINE, ["<div>I'd love to but I've got a clash. Next time!</div>"], "decline", False),
    (
        "t16",
        ONLINE,
        [f"<div>{at('Jo Lee')} {at('Sam Ade')} this might be good for you both</div>"],
        "other",
        False,
    ),
    ("t17", ONLINE, ["I'll be joining! Looking forward to it"], "join", True),
    ("t18", ONLINE, ["Not sure it's relevant to my role, so I'll skip it"], "decline", False),
    ("t19", ONLINE, ["Is this for all levels? Would love to attend if so"], "join", True),
    ("t20", ONLINE, ["Thanks - I'm out of the country that week"], "decline", False),
    ("t21", ONLINE, ["I'll come if nothing else comes up"], "maybe", False),
    ("t22", ONLINE, ["Tentatively count me in"], "maybe", False),
    ("t23", ONLINE, ["Please remove me from the list, I've got a clash now"], "withdraw", False),
    ("t24", ONLINE, ["Count me in", "Sorry all, no longer able to attend"], "withdraw", False),
    ("t25", ONLINE, ["Maybe", "Sorry, going to have to say no after all"], "decline", False),
    ("t26", ONLINE, ["I'm unavailable that day"], "decline", False),
    ("t27", ONLINE, ["Yes please - I've heard great things about the speaker"], "join", True),
    ("t28", ONLINE, ["Great! I'm there"], "join", True),
    (
        "t29",
        ONLINE,
        ["Thank you but I'll let someone else have my place this time"],
        "decline",
        False,
    ),
    ("t30", ONLINE, ["I'll have to leave it, thanks though"], "decline", False),
    # --- sixth round (u*): measured before any fix for it: precision 1.000, recall 0.846 ---
    ("u1", ONLINE, ["Hiya! Yes I'd like a place please, thanks for organising 🙂"], "join", True),
    ("u2", ONLINE, ["That's a lunchtime I can actually do - yes please"], "join", True),
    (
        "u3",
        ONLINE,
        ["Looks interesting but it's not really my area, so I'll pass"],
        "decline",
        False,
    ),
    ("u4", ONLINE, ["Shame, I'm on a site visit then"], "decline", False),
    ("u5", IN_PERSON, ["Is there step-free access? If so I'd like to come"], "join", True),
    (
        "u6",
        IN_PERSON,
        [
            "I'd come, but only if someone can meet me at the station - I'm not great with new places"
        ],
        "join",
        True,
    ),
    ("u7", ONLINE, ["Sign me up. Also, will slides be shared?"], "join", True),
    (
        "u8",
        ONLINE,
        ["I attended the first one in the series. Can I ask what the format is this time?"],
        "question",
        False,
    ),
    ("u9", ONLINE, ["Oh I'm so annoyed, I'm in court that day!"], "decline", False),
    ("u10", ONLINE, ["Absolutely not missing this one 💪"], "join", True),
    (
        "u11",
        ONLINE,
        [
            f"<div>{at('Mia Tan')} you mentioned you wanted to learn about this - worth a look?</div>"
        ],
        "other",
        False,
    ),
    ("u12", ONLINE, ["Please add me to the waiting list if it's full"], "join", True),
    (
        "u13",
        ONLINE,
        ["Hi, yes please - could I also get the recording afterwards as I have to leave at 1?"],
        "join",
        True,
    ),
    ("u14", ONLINE, ["I can't make it live but would love the recording"], "decline", False),
    ("u15", ONLINE, ["No can't do that day, sorry"], "decline", False),
    ("u16", ONLINE, ["yes!!! finally a session on this"], "join", True),
    (
        "u17",
        ONLINE,
        ["I would really like to come but my manager hasn't approved it yet"],
        "maybe",
        False,
    ),
    ("u18", ONLINE, ["Will let you know by Friday"], "maybe", False),
    ("u19", ONLINE, ["Count me in", "Still coming, just running 5 mins late!"], "other", True),
    (
        "u20",
        ONLINE,
        [
            "Count me in",
            "Change of plan - I've been asked to cover for my director, so I won't make it",
        ],
        "withdraw",
        False,
    ),
    (
        "u21",
        ONLINE,
        ["Not available sadly", "Update: I'm now free! Please can I have a place?"],
        "join",
        True,
    ),
    ("u22", ONLINE, ["Signed up on the form already, but just flagging here too!"], "join", True),
    ("u24", ONLINE, ["This isn't for me, but thanks"], "decline", False),
    ("u25", ONLINE, ["I'll be on a train so can't join, sorry"], "decline", False),
]


test_unseen_reply_sequence = sequence_test(CASES)
