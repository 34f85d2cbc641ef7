"""Held-out style checks of the reply reader: wording the corpus does not use."""

from __future__ import annotations

import pytest

from bot.config.replies import ReplyLexicon
from bot.core.replies import ReplyContext, classify

ONLINE = ReplyContext("Online session: AI in local government — Tue 3 Dec, 2–3pm, on Teams")
IN_PERSON = ReplyContext("Winter meetup — Thu 5 Dec, 6–8pm, in person at Croydon Town Hall")
MENTION = (
    '<bc-attachment sgid="SGID-{n}" content-type="application/vnd.basecamp.mention">'
    '<figure><img src="x.png"><figcaption>{name}</figcaption></figure></bc-attachment>'
)


def div(text: str) -> str:
    return f"<div>{text}</div>"


HELD_OUT = [
    ("Yes please, I'd love to come along", "join"),
    ("Please can I book a spot?", "join"),
    ("I'm keen! Sign me up 🙂", "join"),
    ("Absolutely, see you on the day", "join"),
    ("Would be great to join, thank you", "join"),
    ("Put my name down please", "join"),
    ("ooh go on, I'm in!", "join"),
    ("Yep, I can make it", "join"),
    ("🙋‍♀️", "join"),
    ("I'll be there!", "join"),
    ("Definitely coming", "join"),
    ("Can I grab a place please?", "join"),
    ("Id love a spot", "join"),
    ("I'm interested - please add me to the list", "join"),
    ("I'd like to attend please", "join"),
    ("Oui, avec plaisir!", "join"),
    ("No problem, count me in!", "join"),
    ("ya count me in", "join"),
    ("Can't make the morning but I'm in for the afternoon", "join"),
    ("Yes please, although I'll need to leave early", "join"),
    ("Sorry, I can't attend this one", "decline"),
    ("I won't be joining, have a great session", "decline"),
    ("Unfortunately that date doesn't work for me", "decline"),
    ("Not this time I'm afraid", "decline"),
    ("I'd have loved to come but I'm in Leeds that day", "decline"),
    ("Really wish I could, but I'm on a course all week", "decline"),
    ("Alas no, I'm away", "decline"),
    ("I'll sit this one out", "decline"),
    ("I'd love to, but I'm on annual leave", "decline"),
    ("I'm not able to come, sorry", "decline"),
    ("Please cancel my booking, something has come up", "withdraw"),
    ("I need to withdraw, sorry", "withdraw"),
    ("Could you take my name off the list please?", "withdraw"),
    ("Might be able to make it, will confirm next week", "maybe"),
    ("Possibly! Let me check my diary", "maybe"),
    ("I'll aim to be there but no promises", "maybe"),
    ("Not 100% sure yet but hopefully", "maybe"),
    ("Depends on my workload - will let you know", "maybe"),
    ("Hope to join, but it depends on cover", "maybe"),
    ("Not sure yet", "maybe"),
    ("Where is the venue exactly?", "question"),
    ("What time does it finish?", "question"),
    ("Is lunch included?", "question"),
    ("Does this count towards CPD?", "question"),
    ("Love this, thanks for setting it up!", "other"),
    ("Great initiative 👏", "other"),
    ("Please add my colleague Amira, she'd love this", "other"),
    ("I'm currently out of the office with limited access to email.", "other"),
    ("I'm up for this!", "join"),
    ("Please reserve me a seat", "join"),
    ("Keen to attend 👋", "join"),
    ("Could you add me please?", "join"),
    ("Can I come along?", "join"),
    ("Me!", "join"),
    ("I'd love to come if there's still space", "join"),
    ("Yes please! Although can I check if it's recorded?", "join"),
    ("I'm afraid I'm busy that day", "decline"),
    ("Sadly I'm away that week", "decline"),
    ("Can't do Thursdays unfortunately", "decline"),
    ("Not this time, but count me in for the next one!", "decline"),
    ("I'll be there in spirit! Can't make it in person sadly", "decline"),
    ("Would love to but I'm not free", "decline"),
    ("Something's come up so I can no longer attend", "withdraw"),
    ("Provisionally yes", "maybe"),
    ("Probably yes, will confirm", "maybe"),
    ("Hopefully, waiting on childcare", "maybe"),
    ("How do I get there from London Bridge?", "question"),
    ("Looking forward to hearing how it goes", "other"),
]


def test_enthusiasm_is_never_read_as_a_no() -> None:
    assert classify(div("Can't wait!")).intent != "decline"


@pytest.mark.parametrize(("text", "intent"), HELD_OUT)
def test_held_out_wording(text: str, intent: str) -> None:
    reading = classify(div(text), None, ONLINE)
    assert reading.sure, ('asked where a sure reading was expected', reading.reasons)
    assert reading.intent == intent, reading.reasons


class TestStructure:
    def test_quote_gives_context_to_same(self) -> None:
        html = "<blockquote>I'd love a place please</blockquote><div>Same!</div>"
        assert classify(html).intent == "join"

    def test_same_under_a_quoted_no_is_a_no(self) -> None:
        html = "<blockquote>Can't make it sadly</blockquote><div>Same here unfortunately</div>"
        assert classify(html).intent == "decline"

    def test_words_inside_a_quote_are_not_the_answer(self) -> None:
        html = (
            "<blockquote>Yes please, count me in!</blockquote><div>Is there parking nearby?</div>"
        )
        assert classify(html).intent == "question"

    def test_signature_words_are_ignored(self) -> None:
        html = div("Can't make it, sorry<br><br>Best wishes,<br>Sarah Jones<br>Yes Digital Lead")
        assert classify(html).intent == "decline"

    def test_email_footer_is_ignored(self) -> None:
        assert classify(div("Sorry I can't come<br><br>Sent from my iPhone")).intent == "decline"

    def test_struck_through_text_is_not_the_answer(self) -> None:
        reading = classify(div("<del>Yes please</del> Sorry, can't make it after all"))
        assert reading.intent == "withdraw"

    def test_a_no_after_taking_a_place_is_a_withdrawal(self) -> None:
        reading = classify(div("Sorry, I won't be there now"), context=ReplyContext(had_place=True))
        assert reading.intent == "withdraw"

    def test_reasons_name_the_deciding_words(self) -> None:
        reading = classify(div("Thanks! Count me in"))
        assert any("count me in" in r for r in reading.reasons)

    def test_decision_at_the_end_of_a_long_reply(self) -> None:
        text = (
            "Sorry, I can't do the morning session because of a board meeting. "
            "Actually, I've just moved it, so yes please, count me in!"
        )
        assert classify(div(text)).intent == "join"


class TestConditions:
    def test_condition_the_announcement_meets_is_a_yes(self) -> None:
        assert classify(div("Yes, provided it's on Teams"), context=ONLINE).intent == "join"

    def test_condition_the_announcement_rules_out_is_not_a_yes(self) -> None:
        reading = classify(div("Yes please if it's online"), context=IN_PERSON)
        assert reading.intent == "decline"

    def test_morning_condition_against_an_evening_event(self) -> None:
        assert classify(div("I'd join if it's in the morning"), context=IN_PERSON).intent != "join"


class TestMentions:
    def test_a_reply_to_another_member_signs_up_nobody(self) -> None:
        html = div(MENTION.format(n=1, name="Ama Owusu") + "&nbsp;yes, it's the usual room")
        assert classify(html).intent == "other"

    def test_pointing_a_colleague_at_it_is_a_referral(self) -> None:
        html = div(MENTION.format(n=2, name="Ama Owusu") + " you'd really enjoy this one")
        reading = classify(html)
        assert reading.intent == "other"
        assert reading.referral
        assert reading.mention_sgids == ("SGID-2",)
        assert reading.mention_names == ("Ama Owusu",)

    def test_replier_signing_up_with_a_colleague(self) -> None:
        html = div("Yes please, and I'm bringing " + MENTION.format(n=3, name="Jo Lee"))
        reading = classify(html)
        assert reading.intent == "join"
        assert reading.referral

    def test_mentioning_the_organiser_is_not_talking_to_a_member(self) -> None:
        html = div(MENTION.format(n=4, name="Nadia Rossi") + " yes, I'd like to come")
        context = ReplyContext(staff_names=frozenset({"Nadia Rossi"}))
        assert classify(html, context=context).intent == "join"


class TestStaffLexicon:
    def test_staff_phrase_adds_a_join(self) -> None:
        html = div("bagsy a seat")
        assert classify(html).intent != "join"
        assert classify(html, ReplyLexicon(join=("bagsy",))).intent == "join"

    def test_staff_out_of_office_phrase(self) -> None:
        html = div("I am on sabbatical until March, messages are not read")
        reading = classify(html, ReplyLexicon(out_of_office=("on sabbatical until",)))
        assert reading.out_of_office and reading.intent == "other"


class TestHostileInput:
    @pytest.mark.parametrize(
        "html",
        [
            "",
            "<div>",
            "</blockquote></div>yes",
            "<div><script>alert('yes')</script></div>",
            "<bc-attachment content-type='application/vnd.basecamp.mention'><figcaption>",
            "<div>" + "<b>" * 5000 + "yes please",
            "\x00\x01<div>\ud800</div>",
            "<<<>>>&&&#;",
            "<div>" + "no " * 30000 + "</div>",
        ],
    )
    def test_never_raises_and_always_explains(self, html: str) -> None:
        reading = classify(html)
        assert reading.intent in {"join", "decline", "withdraw", "maybe", "question", "other"}
        assert reading.reasons

    def test_script_content_is_not_read(self) -> None:
        assert classify("<div><script>count me in</script>Thanks!</div>").intent == "other"
