"""The mentoring reply reader on held-out wording: linguistic rules, not corpus strings."""

from __future__ import annotations

import pytest

from bot.core.mentoring import read_replies, read_reply

MENTION = (
    '<bc-attachment sgid="x" content-type="application/vnd.basecamp.mention">'
    "<figure><figcaption>Jo Bloggs</figcaption></figure></bc-attachment>"
)

ROLE_CASES = [
    # (replies, role, topics)
    (["Sign me up as a mentee: stakeholder management and influencing"], "mentee",
     ["stakeholder management"]),
    (["I'd love to be mentored on AI and machine learning"], "mentee", ["ai"]),
    (["Could someone mentor me on budgets?"], "mentee", ["budgeting"]),
    (["Can I be a mentor for procurement?"], "mentor", ["procurement"]),
    (["Put me down for mentoring others in cloud, not cyber though"], "mentor", ["cloud"]),
    (["Happy to take two people on cloud. I'm a Head of Digital at Camden."], "mentor", ["cloud"]),
    (["I'm keen to give back and support newer colleagues with line management"], "mentor",
     ["line management"]),
    (["I'd like to learn more about data engineering"], "mentee", ["data engineering"]),
    (["I can't mentor this time but I'd love to be a mentee for negotiation"], "mentee",
     ["negotiation"]),
    (["I'm happy to be both a mentor and mentee. Mentoring: line management. Mentee: AI."],
     "both", ["line management", "ai"]),
    (["Mentee please (cloud)", "Edit: also happy to mentor on budgeting"], "both",
     ["cloud", "budgeting"]),
    (["I'd like to mentor on GDPR", "Sorry, change of plan — I'd rather be a mentee"], "mentee",
     ["data protection"]),
    (["I'd like a mentor", "Actually please take me off the list, sorry"], "none", []),
    (["Is the mentoring online or in person?"], "none", []),
    (["Do mentors need to be senior?"], "none", []),
    ([f"{MENTION} you should be a mentor!"], "none", []),
    (["My colleague Sam would love a mentor for cyber security"], "none", []),
    (["I'd like a mentor on cloud", "My colleague would love a mentor for cyber security"],
     "mentee", ["cloud"]),
    (["Thank you so much for organising this!"], "none", []),
    (["I mentored last year. Not this time though, too much on."], "none", []),
    (["I've been a mentor for years and would be happy to do it again — leadership."], "mentor",
     ["leadership"]),
    (["Out of office: I am away until 3 March with no access to email."], "none", []),
    (["me too! <blockquote>I'd like a mentor on cloud</blockquote>"], "mentee", ["cloud"]),
    (["+1<blockquote>Both please</blockquote>"], "both", []),
    (["<blockquote>I can mentor on procurement</blockquote><div>Great idea, thanks!</div>"],
     "none", []),
    (["I'm no expert in AI, but I'd love a mentor on it"], "mentee", ["ai"]),
    (["Happy to mentor on data analytics - though I'm not an expert in data engineering"],
     "mentor", ["data analytics"]),
    (["Would appreciate a mentor who has been through a restructure as a new line manager"],
     "mentee", ["line management"]),
    (["Pair me with someone who knows procurement inside out please!"], "mentee",
     ["procurement"]),
    (["Mentor please"], "mentor", []),
    (["Mentor and mentee please! <del>AI</del> cloud"], "both", ["cloud"]),
    (["Keen to be a mentee — I'm coming back after a career break in spring"], "mentee",
     ["returning from leave"]),
    (["I'd like to mentor someone on Power BI dashboards"], "mentor", ["data analytics"]),
    (["Can I have a mentor on service blueprints and journey mapping?"], "mentee",
     ["service design"]),
    (["I'd like a mentor on cloud", "Sorry, not cloud, I meant AI"], "mentee", ["ai"]),
    (["Would really appreciate some mentoring on stakeholder management"], "mentee",
     ["stakeholder management"]),
    (["20 years in local government; happy to share what I've learned about tendering"],
     "mentor", ["procurement"]),
    (["Mentoring please! Mainly user research"], "mentee", ["user research"]),
    (["Jo would be a fantastic mentor for cyber security"], "none", []),
    ([f"{MENTION} would make a brilliant mentor!"], "none", []),
    (["I think I would be a good mentor for cloud"], "mentor", ["cloud"]),
    (["I'm not able to take part this time, sorry"], "none", []),
    (["I'll do both if needed — mentor on agile, mentee on budgets"], "both",
     ["agile delivery", "budgeting"]),
    (["Please add my colleague Sam as a mentee, she wants help with AI"], "none", []),
    (["I'd love a mentor. <blockquote>Mentor please - cloud</blockquote>"], "mentee", []),
    (["Mentor please - data protection", "On reflection I'd rather just be a mentee this round"],
     "mentee", ["data protection"]),
    (["Can you pair me with someone who has done a career change?"], "mentee",
     ["career change"]),
    (["Sadly I won't be able to commit to mentoring this time"], "none", []),
    (["Put me down for both"], "both", []),
    (["Happy to do either"], "both", []),
    (["I'd like to mentor AND be mentored"], "both", []),
    (["I'm happy to mentor — though not on procurement, I've never done it. Cloud is fine."],
     "mentor", ["cloud"]),
    (["I'd like a mentor for anything except budgeting, ideally leadership"], "mentee",
     ["leadership"]),
    (["I'd love help with speaking at conferences and influencing councillors"], "mentee",
     ["public speaking", "stakeholder management"]),
    (["Mentor — scrum, kanban, product owner coaching"], "mentor",
     ["agile delivery", "product management"]),
    (["Same as Alex"], "none", []),
    (["I was a mentee last year and would love to mentor this time — I got so much out of it"],
     "mentor", []),
    (["I've been mentoring informally for years. Happy to formalise it! Leadership."], "mentor",
     ["leadership"]),
    ([f"{MENTION} has offered to mentor me informally, so I'll leave my place for someone else"],
     "none", []),
    (["I signed up as a mentor above but I'm going to have to pull out, sorry"], "none", []),
    (["I've been wanting a mentor for ages! Cloud please"], "mentee", ["cloud"]),
    (["Is there still time to sign up as a mentee?"], "none", []),
    (["I'd like a mentor. I'm moving from finance into a digital role"], "mentee",
     ["career change"]),
    (["Mentor on negotiating with suppliers and running tenders"], "mentor",
     ["negotiation", "procurement"]),
    (["Mentee: moving our estate to AWS"], "mentee", ["cloud"]),
    (["Great to see this! I'm going on maternity leave next month so not this round"], "none",
     []),
]  # fmt: skip


class TestRoleAndTopics:
    @pytest.mark.parametrize(("replies", "role", "topics"), ROLE_CASES)
    def test_end_state(self, vocab, replies, role, topics) -> None:
        got = read_replies([f"<div>{r}</div>" for r in replies], vocab)
        assert (got.role, sorted(got.topics)) == (role, sorted(topics))

    def test_topics_are_split_by_role_for_the_matcher(self, vocab) -> None:
        got = read_replies(
            ["<div>I'd like a mentor for negotiation and can mentor on user research.</div>"], vocab
        )
        assert got.wants == ("negotiation",) and got.offers == ("user research",)

    def test_what_she_knows_is_offered_and_what_she_wants_to_learn_is_wanted(self, vocab) -> None:
        got = read_replies(["<div>Happy to be a mentee or a mentor! I know a lot about "
                            "procurement and want to learn about AI</div>"], vocab)  # fmt: skip
        assert (got.role, got.offers, got.wants) == ("both", ("procurement",), ("ai",))

    def test_as_mentee_in_brackets_assigns_the_topic(self, vocab) -> None:
        got = read_replies(["<div>Both: cloud (as mentor) and AI (as mentee).</div>"], vocab)
        assert got.offers == ("cloud",) and got.wants == ("ai",)


class TestCapacity:
    @pytest.mark.parametrize(
        ("text", "capacity"),
        [
            ("Happy to take two people", 2),
            ("I can be a mentor for 2 people — service design", 2),
            ("Happy to mentor 1 or 2 people on digital inclusion", 2),
            ("I could mentor up to 3 mentees on GDPR", 3),
            ("Count me in to mentor, I can take a couple of people", 2),
            ("Happy to mentor — more than one is fine", 2),
            ("I'd be glad to mentor, I've done it twice before", 1),
            ("I'll mentor. I can take 40 people!", 5),
            ("Mentee please, two topics: cloud and AI", 0),
        ],
    )
    def test_capacity(self, vocab, text, capacity) -> None:
        assert read_replies([f"<div>{text}</div>"], vocab).capacity == capacity


class TestSeniorityAndPreferences:
    def test_own_level_and_wanted_level(self, vocab) -> None:
        got = read_replies(
            ["<div>I'm an apprentice and would love a mentor from a different borough, "
             "ideally someone who's an assistant director.</div>"], vocab,
        )  # fmt: skip
        assert got.seniority == "apprentice"
        assert set(got.preferences) == {"other_org", "level:assistant director"}

    def test_longest_title_wins(self, vocab) -> None:
        got = read_reply("<div>Mentor please. I'm an Assistant Director at Brent.</div>", vocab)
        assert got.seniority == "assistant director"

    def test_level_in_signature_counts_but_signature_words_do_not(self, vocab) -> None:
        html = ("<div>Count me in as a mentor.<br><br>Kind regards,<br>Jane Doe<br>"
                "Head of Service, Cloud and Cyber Security</div>")  # fmt: skip
        got = read_replies([html], vocab)
        assert got.role == "mentor" and got.topics == () and got.seniority == "head of service"

    def test_not_from_my_own_council_is_other_org_only(self, vocab) -> None:
        got = read_reply("<div>Mentee — preferably not from my own council</div>", vocab)
        assert got.preferences == ("other_org",)


class TestHostileInput:
    @pytest.mark.parametrize(
        "html",
        [
            "", "<", "<div", "</blockquote></blockquote>", "<script>mentor</script>",
            "<div>" * 5000 + "mentee", "\x00\ufffd mentor", "<a href='javascript:x'>mentee</a>",
            "mentor " * 20000,
        ],
    )
    def test_never_raises(self, vocab, html) -> None:
        got = read_replies([html], vocab)
        assert got.role in ("mentor", "mentee", "both", "none")

    def test_script_text_is_not_read(self, vocab) -> None:
        assert read_replies(["<script>I'd like a mentor</script>"], vocab).role == "none"


# ---------------------------------------------------------------- sure or unsure


def _div(text: str) -> str:
    return f"<div>{text}</div>"


@pytest.mark.parametrize("replies, role", [
    (["Happy to mentor on cloud"], "mentor"),
    (["I'd like a mentor", "Topics: GDPR please"], "mentee"),  # topics for a known role
    (["Could you pair me with someone on negotiation?"], "mentee"),
    (["Do mentors need to be in the same borough?"], "none"),  # a question
    (["Jo would make a brilliant mentor"], "none"),  # a nomination
    (["I was a mentee in the spring round, it was great"], "none"),  # a past round
    (["Thanks for organising!"], "none"),
])
def test_clear_replies_are_sure(vocab, replies, role) -> None:
    got = read_replies([_div(r) for r in replies], vocab)
    assert (got.role, got.sure) == (role, True)


@pytest.mark.parametrize("replies", [
    ["Cloud and procurement"],  # topics, but which role?
    ["Ich möchte gern eine Mentorin"],  # another language
    ["Da, aș vrea un mentor"],
    ["Mentoring sounds like something I've wanted for ages"],  # about it, no role cue
])
def test_an_unclear_role_is_unsure_not_a_guess(vocab, replies) -> None:
    got = read_replies([_div(r) for r in replies], vocab)
    assert got.sure is False
    assert got.role == "none"  # an unsure reply changes nothing: the bot asks instead


def test_an_unsure_reply_after_a_sure_one_keeps_the_earlier_state(vocab) -> None:
    got = read_replies([_div("Happy to mentor on cloud"), _div("Ich möchte auch Mentee sein")],
                       vocab)
    assert (got.role, got.offers, got.sure) == ("mentor", ("cloud",), False)


def test_read_reply_marks_topics_without_a_role_unsure(vocab) -> None:
    assert read_reply(_div("Cloud and procurement"), vocab).sure is False
    assert read_reply(_div("Mentee please: cloud"), vocab).sure is True


def test_mentoring_read_json_writes_sure() -> None:
    import json

    from click.testing import CliRunner
    from mentoring_helpers import REPO

    from bot.commands.mentoring import mentoring_group

    lines = [{"html": "<div>Mentee please</div>"}, {"html": "<div>Cloud and procurement</div>"}]
    result = CliRunner().invoke(
        mentoring_group, ["read", "--json", "-", "--config-dir", str(REPO / "config")],
        input="\n".join(json.dumps(x) for x in lines) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["sure"] for o in out] == [True, False]
    assert [o["role"] for o in out] == ["mentee", "none"]
