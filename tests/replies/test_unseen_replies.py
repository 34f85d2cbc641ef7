"""Held-out replies for the reply reader, written by hand.

NOT corpus strings: none of these come from ../shared/corpus. They are invented in the
kind of British workplace English members write (typos, emoji, signatures, quotes, replies
to other members, second thoughts) to check that the reader's rules generalise. When one
fails, fix the rule it exposes, never the string.
"""

from __future__ import annotations

import pytest

from bot.core.replies import ReplyContext, classify

ONLINE = ReplyContext("Lunch & learn: Negotiating pay — Thu 16 May, 1–2pm, online on Teams")
HAD_PLACE = ReplyContext(ONLINE.announcement, had_place=True)
MENTION = (
    '<bc-attachment sgid="SGID-{n}" content-type="application/vnd.basecamp.mention">'
    '<figure><img src="x.png"><figcaption>{name}</figcaption></figure></bc-attachment>'
)


def html(text: str) -> str:
    """Plain text as Basecamp comment HTML, one div per line."""
    return "".join(f"<div>{line}</div>" if line else "<div><br></div>" for line in text.split("\n"))


def to_member(text: str) -> str:
    """A reply that starts by mentioning another member."""
    return f"<div>{MENTION.format(n=1, name='Sam Ade')} {text}</div>"


JOIN = [
    "I'm going! See you there",
    "count me inn",
    "yes pls",
    "Yes pls!! 🙌",
    "Ooh yes, I'd really like to come to this",
    "I'd love a place if there's one going",
    "Put me on the waitlist please",
    "Is it too late to sign up? I'd love to come",
    "Definitely not missing this one!",
    "No way I'd miss it",
    "Wouldn't miss it for the world 😊",
    "Not going to pass this up - sign me up!",
    "I don't want to miss this one, please add me",
    "Yes!\n\nKind regards\nPriya Shah\nHead of Digital | London Borough of Hackney",
    "Count me in\n\nSent from my iPhone",
    "Great topic, I'll come along",
    "Please could you reserve me a seat?",
    "Happy to join 😊",
    "Sounds brilliant - I'll be there",
    "Can I come? Would love to hear from the speakers",
    "Me! 🙋‍♀️",
    "Yes - I can do Thursday",
    "I'd like to take part please",
    "Sign me up, and thanks for organising!",
    "Only just seen this - is there still space? If so I'd like a place",
    "I can make it 👍",
    "Hi Nadia, yes please put me down for this one. Thanks, Jo",
    "yes please 😀\n\nBest wishes,\nSarah",
    "Can someone save me a place? I'll be a bit late",
    "Yes please, see you there x",
    "I'm in! Oh and is there a dial-in number?",
    "Sorry, I can't make it. Oh wait, it's the 16th? Then yes, count me in!",
    "Actually, yes - I can come after all!",
    "Could I be added to the list please",
    "deffo coming 🎉",
    "I really can't miss this one",
    "im in x",
    "Ooh, I'll be there with bells on",
    "Could you add me to the waitlist?",
    "Already booked through Eventbrite, see you there",
    "yeah go on then",
    "Sorry to be a pain, but could I have a place after all?",
    "Any chance of a place? 🙏",
    "Would it be possible to get a place?",
    "keen!",
    "No worries if not, but I'd love a place",
    "Is this open to non-members? If so I'd like to come",
    "I'm in, but I may have to leave early",
    "I'm definitely not coming 😂 jk, count me in!",
    "Sign me up!!!! 🙌🙌",
    "Yes please, if there's still room",
    "If there's space I'd love to come",
    "Does anyone know if it'll be recorded? Keen to join otherwise",
    "Pls add me - thanks!",
    "Yes from me 🙋🏾‍♀️",
    "Any more places? I'd love one",
    "can i have a place pls",
]

DECLINE = [
    # "I'm going" is a yes, but "I'm going to have to say no" is not.
    "I'm afraid I'm going to have to say no this time",
    "I'll have to give this one a miss, sorry",
    "Going to have to decline, diary is rammed",
    "cant make it sorry",
    "I'll be there in spirit",
    "Would it be recorded? I can't make the time",
    "Sadly I'm on leave that week",
    "Gutted to miss this one, I'm at a conference",
    "Thanks but no thanks",
    "Thank you for the invite but I'll have to give it a miss",
    "Not for me this time, thanks",
    "I'm afraid I can't, clashes with a council meeting",
    "Count me in — oh wait, I'm on leave that day. Sorry!",
    "Yes please! Actually scratch that, I've just realised I'm presenting at cabinet that day",
    "On second thoughts, I won't be able to come",
    "Unfortunately I'm double booked",
    "No, sorry",
    "nope, away that week",
    "I would have loved to but it clashes with budget setting",
    "Dying to come but can't - on leave",
    "Ah no, I'm going to miss this one",
    "I'll skip this one, thanks",
    "Can't make Thursday afternoons I'm afraid",
    "I'd come if it wasn't on a Thursday",
    "I can't come but my colleague Jo would love to",
    "Sounds fab but I'm off that week",
    "Not able to join live - will watch the recording",
    "Hiya, I'd love to attend but have a clash, is there another date?",
    "I was going to say yes but I've just been asked to cover a committee",
    "Ugh, annual leave! Have a good one everyone",
    "I'm keen but it's the same day as my team away day 😩",
    "i'd love to but can't, sorry!!",
    "I'd have said yes if it was in the afternoon",
    "I'm in Manchester that day unfortunately",
    "Thanks! Count me out this time x",
    "My team are all going, I sadly can't",
    "Can't come myself but I've forwarded it to my team",
    "Sorry, I won't be able to make it - could you send the slides?",
    "Absolutely gutted - it's my day off and I'm away",
    "would be good to come but diary is rammed",
]

WITHDRAW = [
    "Sorry, something's come up - please give my place to someone else",
    "I need to drop out unfortunately",
    "Can't make it after all, sorry!",
]

WITHDRAW_AFTER_PLACE = [
    "Actually I can't come now, sorry",
    "Oh no, I've been called into a budget meeting so won't be able to make it",
]

MAYBE = [
    "Hmm, I'd love to but I'm not sure my manager will let me go",
    "Yes please, but I need to check with my manager first",
    "Possibly - depends on whether I can get cover",
    "Might pop in if I finish in time",
    "Will try to make it!",
    "I'd like to come but I'm waiting to hear about a meeting that day",
    "Pencil me in as a maybe",
    "Count me in, though I'm not 100% sure yet",
    "Not sure I can make it, will let you know",
    "I'd love to come but I don't know if I'll be back from leave in time",
    "Count me in! Actually, make that a maybe - waiting on childcare",
    "Would love to come! Just waiting for my manager to sign off",
    "Yes please, if I'm not needed at full council",
    "I'm in, but might not make it if the strike goes ahead",
    "Yes I'm interested but can I confirm next week?",
    "Not sure I'll make this one, but count me in for the next!",
]

QUESTION = [
    "What time does it finish?",
    "Is it step-free at the venue?",
    "Will there be a recording for those who can't attend?",
    "Who's the speaker?",
    "Could you share the joining link?",
    "Can I bring a colleague?",
    "Would anyone like to share a taxi from the station?",
    "Is it too late?",
    "Can you add me to the mailing list for future ones?",
    "Hi, I signed up last week but haven't had a confirmation?",
]

OTHER = [
    "Thanks for organising this!",
    "Looks great!",
    "Happy to share slides afterwards for anyone who can't make it",
    "Love this! I'll share with my colleagues",
    "Thank you for your email. I am currently out of the office until Monday 9 December "
    "with no access to email.",
]


@pytest.mark.parametrize("text", JOIN)
def test_join(text: str) -> None:
    reading = classify(html(text), None, ONLINE)
    assert reading.sure, ('asked where a sure reading was expected', reading.reasons)
    assert reading.intent == "join", reading.reasons


@pytest.mark.parametrize("text", DECLINE)
def test_decline(text: str) -> None:
    reading = classify(html(text), None, ONLINE)
    assert reading.sure, ('asked where a sure reading was expected', reading.reasons)
    assert reading.intent == "decline", reading.reasons


@pytest.mark.parametrize("text", WITHDRAW)
def test_withdraw(text: str) -> None:
    reading = classify(html(text), None, ONLINE)
    assert reading.sure, ('asked where a sure reading was expected', reading.reasons)
    assert reading.intent == "withdraw", reading.reasons


@pytest.mark.parametrize("text", WITHDRAW_AFTER_PLACE)
def test_a_no_from_someone_holding_a_place_is_a_withdrawal(text: str) -> None:
    reading = classify(html(text), None, HAD_PLACE)
    assert reading.sure, ('asked where a sure reading was expected', reading.reasons)
    assert reading.intent == "withdraw", reading.reasons


@pytest.mark.parametrize("text", MAYBE)
def test_maybe(text: str) -> None:
    reading = classify(html(text), None, ONLINE)
    assert reading.sure, ('asked where a sure reading was expected', reading.reasons)
    assert reading.intent == "maybe", reading.reasons


@pytest.mark.parametrize("text", QUESTION)
def test_question(text: str) -> None:
    reading = classify(html(text), None, ONLINE)
    assert reading.sure, ('asked where a sure reading was expected', reading.reasons)
    assert reading.intent == "question", reading.reasons


@pytest.mark.parametrize("text", OTHER)
def test_other(text: str) -> None:
    reading = classify(html(text), None, ONLINE)
    assert reading.sure, ('asked where a sure reading was expected', reading.reasons)
    assert reading.intent == "other", reading.reasons


class TestRepliesToOtherMembers:
    def test_directions_for_a_member_are_not_a_yes(self) -> None:
        reply = to_member("it's by the station, you can't miss it")
        assert classify(reply, None, ONLINE).intent == "other"

    def test_a_bare_yes_to_a_member_signs_up_nobody(self) -> None:
        reply = to_member("yes, it's step-free - I went last year")
        assert classify(reply, None, ONLINE).intent == "other"

    def test_telling_a_colleague_they_would_enjoy_it_is_a_referral(self) -> None:
        reply = f"<div>{MENTION.format(n=2, name='Amira Khan')} you'd love this one!</div>"
        reading = classify(reply, None, ONLINE)
        assert reading.intent == "other" and reading.referral


class TestQuotes:
    def test_same_under_a_quoted_yes(self) -> None:
        reply = "<blockquote>Count me in please!</blockquote><div>same 🙂</div>"
        assert classify(reply, None, ONLINE).intent == "join"

    def test_same_under_a_quoted_no(self) -> None:
        reply = "<blockquote>Sadly can't make this one</blockquote><div>Same here, sorry</div>"
        assert classify(reply, None, ONLINE).intent == "decline"

    def test_plus_one_under_the_quoted_announcement(self) -> None:
        reply = "<blockquote>Reply below if you'd like a place.</blockquote><div>+1</div>"
        assert classify(reply, None, ONLINE).intent == "join"

    def test_a_quoted_yes_does_not_answer_for_a_question(self) -> None:
        reply = "<blockquote>Yes please!</blockquote><div>Is it being recorded?</div>"
        assert classify(reply, None, ONLINE).intent == "question"


def test_self_correction_reasons_name_the_marker() -> None:
    reading = classify(html("Count me in — oh wait, I'm on leave that day. Sorry!"), None, ONLINE)
    assert any("oh wait" in r for r in reading.reasons), reading.reasons
