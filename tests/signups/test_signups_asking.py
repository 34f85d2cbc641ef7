"""Asking when unsure, end to end against the sandbox: the question, the answer, a restart."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.jobs.asking import awaiting_answers
from bot.jobs.signups import signup_rows
from bot.store import signups_repo as repo

UNSURE = "Could I be considered?"  # a passive request: the reader asks rather than guesses
ASKED = "I couldn't tell whether you'd like a place"


def _questions(world) -> list[str]:
    return [c for c in world.bot_comments() if ASKED in c or "Do you want a place" in c]


def _question_id(world) -> int:
    with world.store.transaction() as conn:
        found = repo.questions(conn, "signup", world.key)
    assert len(found) == 1
    return found[0].question_id


def _statuses(world) -> dict[str, str]:
    return {r.email: r.status for r in signup_rows(world.ctx, world.key)}


class TestTheQuestion:
    def test_an_unsure_reply_is_asked_about_once_and_changes_nothing(self, world) -> None:
        world.announce(capacity=2)
        jo = world.member("Jo Baker", "jo@camden.gov.uk")
        r1 = world.reply(jo, UNSURE)
        world.cycle()
        asked = _questions(world)
        assert len(asked) == 1
        assert jo["attachable_sgid"] in asked[0] and "Lunch &amp; learn" in asked[0]
        assert world.bot_boosts(r1["id"]) == []  # the question is its one acknowledgement
        assert _statuses(world) == {"jo@camden.gov.uk": "awaiting answer"}
        assert world.participants() == []
        assert "0 of 2 places taken" in world.announcement_html()
        for _ in range(3):
            world.cycle()
        assert len(_questions(world)) == 1
        assert [q.comment_id for q in awaiting_answers(world.ctx)] == [r1["id"]]

    def test_an_edit_still_unclear_is_not_asked_about_again(self, world) -> None:
        world.announce(capacity=2)
        jo = world.member("Jo Baker", "jo@camden.gov.uk")
        r1 = world.reply(jo, UNSURE)
        world.cycle()
        world.sb.clock.advance(timedelta(seconds=20))
        world.sb.edit_comment(r1["id"], "<div>Could I be considered, do you think?</div>")
        world.cycle()
        assert len(_questions(world)) == 1
        assert _statuses(world) == {"jo@camden.gov.uk": "awaiting answer"}

    def test_an_unsure_edit_of_a_yes_keeps_the_place_and_asks(self, world) -> None:
        world.announce(capacity=2)
        jo = world.member("Jo Baker", "jo@camden.gov.uk")
        r1 = world.reply(jo, "Yes please")
        world.cycle()
        world.sb.clock.advance(timedelta(seconds=20))
        world.sb.edit_comment(r1["id"], f"<div>{UNSURE}</div>")
        world.cycle()
        assert len(_questions(world)) == 1
        assert world.bot_boosts(r1["id"]) == ["✅ You're in"]
        assert world.participants() == [jo["id"]]

    def test_thanks_needs_no_acknowledgement_and_answers_nothing(self, world) -> None:
        world.announce(capacity=2)
        jo = world.member("Jo Baker", "jo@camden.gov.uk")
        r1 = world.reply(jo, UNSURE)
        world.cycle()
        r2 = world.reply(jo, "Thanks, lovely")
        world.cycle()
        assert world.bot_boosts(r2["id"]) == []
        assert len(world.bot_comments()) == 1  # only the question
        assert [q.comment_id for q in awaiting_answers(world.ctx)] == [r1["id"]]

    def test_not_english_gets_a_plain_question_and_staff_are_told_once(self, world) -> None:
        world.announce(capacity=2)
        ioana = world.member("Ioana Pop", "ioana@brent.gov.uk")
        world.reply(ioana, "Poate, depinde de program")  # Romanian: "maybe, depends"
        world.reply(ioana, "হ্যাঁ, আমি আসতে চাই")  # Bengali script
        world.cycle()
        asked = _questions(world)
        assert len(asked) == 2
        assert all("Do you want a place" in q for q in asked)
        told = [q for q in asked if world.nadia["attachable_sgid"] in q]
        assert len(told) == 1 and "may not be in English" in told[0]


class TestTheAnswer:
    @pytest.mark.parametrize(
        ("answer", "status", "boost"),
        [
            ("yes", "confirmed", "✅ You're in"),
            ("👍", "confirmed", "✅ You're in"),
            ("✅", "confirmed", "✅ You're in"),
            ("No thanks", "declined", "👍 Noted, thanks"),
        ],
    )
    def test_a_reply_answers_the_question_across_a_restart(
        self, world, db_url, answer, status, boost
    ) -> None:
        world.announce(capacity=2)
        jo = world.member("Jo Baker", "jo@camden.gov.uk")
        r1 = world.reply(jo, UNSURE)
        world.cycle()
        world.restart(db_url)  # a new worker: nothing in memory survives
        r2 = world.reply(jo, answer)
        world.cycle()
        world.cycle()
        assert world.bot_boosts(r2["id"]) == [boost]
        assert world.bot_boosts(r1["id"]) == []
        assert len(world.bot_comments()) == 1  # the question, and nothing more
        assert _statuses(world) == {"jo@camden.gov.uk": status}
        assert world.participants() == ([jo["id"]] if status == "confirmed" else [])
        assert awaiting_answers(world.ctx) == []

    def test_a_boost_on_the_question_answers_it_across_a_restart(self, world, db_url) -> None:
        world.announce(capacity=1)
        ada = world.member("Ada Obi", "ada@hackney.gov.uk")
        jo = world.member("Jo Baker", "jo@camden.gov.uk")
        r1 = world.reply(jo, UNSURE)
        world.cycle()
        r2 = world.reply(ada, "Count me in")  # takes the only place meanwhile
        world.cycle()
        world.restart(db_url)
        world.sb.boost(jo["id"], _question_id(world), "✅")
        world.cycle()
        world.restart(db_url)
        world.cycle()
        world.cycle()
        # Ada replied clearly while Jo's answer was outstanding: her place is never taken back.
        assert world.bot_boosts(r1["id"]) == ["⏳ Waitlist 1"]
        assert world.bot_boosts(r2["id"]) == ["✅ You're in"]
        assert len(_questions(world)) == 1
        assert _statuses(world) == {
            "ada@hackney.gov.uk": "confirmed",
            "jo@camden.gov.uk": "waitlisted",
        }
        assert world.participants() == [ada["id"]]
        assert awaiting_answers(world.ctx) == []

    @pytest.mark.parametrize(
        ("content", "status", "boost"),
        [("✅", "confirmed", "✅ You're in"), ("👎", "declined", "👍 Noted, thanks")],
    )
    def test_a_boost_gives_a_place_or_none(self, world, db_url, content, status, boost) -> None:
        world.announce(capacity=2)
        jo = world.member("Jo Baker", "jo@camden.gov.uk")
        r1 = world.reply(jo, UNSURE)
        world.cycle()
        world.sb.boost(jo["id"], _question_id(world), content)
        world.cycle()
        world.restart(db_url)
        world.cycle()
        assert world.bot_boosts(r1["id"]) == [boost]
        assert _statuses(world) == {"jo@camden.gov.uk": status}
        assert world.participants() == ([jo["id"]] if status == "confirmed" else [])
        assert len(world.bot_comments()) == 1

    def test_someone_elses_boost_answers_nothing(self, world) -> None:
        world.announce(capacity=2)
        jo = world.member("Jo Baker", "jo@camden.gov.uk")
        ada = world.member("Ada Obi", "ada@hackney.gov.uk")
        r1 = world.reply(jo, UNSURE)
        world.cycle()
        world.sb.boost(ada["id"], _question_id(world), "✅")
        world.cycle()
        assert world.bot_boosts(r1["id"]) == []
        assert _statuses(world) == {"jo@camden.gov.uk": "awaiting answer"}

    def test_an_edit_after_the_question_is_read_again(self, world) -> None:
        world.announce(capacity=2)
        jo = world.member("Jo Baker", "jo@camden.gov.uk")
        r1 = world.reply(jo, UNSURE)
        world.cycle()
        world.sb.clock.advance(timedelta(seconds=20))
        world.sb.edit_comment(r1["id"], "<div>Yes please, save me a place</div>")
        world.cycle()
        assert world.bot_boosts(r1["id"]) == ["✅ You're in"]
        assert _statuses(world) == {"jo@camden.gov.uk": "confirmed"}
        assert len(_questions(world)) == 1
        assert awaiting_answers(world.ctx) == []


    def test_a_trashed_unclear_reply_waits_for_nothing(self, world) -> None:
        world.announce(capacity=2)
        jo = world.member("Jo Baker", "jo@camden.gov.uk")
        r1 = world.reply(jo, UNSURE)
        world.cycle()
        world.sb.trash_comment(r1["id"])
        world.cycle()
        assert awaiting_answers(world.ctx) == []
        assert _statuses(world) == {}
        r2 = world.reply(jo, "yes")  # no question open: an ordinary reply
        world.cycle()
        assert world.bot_boosts(r2["id"]) == ["✅ You're in"]
        assert len(world.bot_comments()) == 1

    def test_an_answer_in_the_same_cycle_settles_the_question(self, world) -> None:
        world.announce(capacity=2)
        jo = world.member("Jo Baker", "jo@camden.gov.uk")
        world.reply(jo, UNSURE)
        r2 = world.reply(jo, "Sorry, I meant yes please!")
        world.cycle()
        world.cycle()
        assert world.bot_boosts(r2["id"]) == ["✅ You're in"]
        assert _statuses(world) == {"jo@camden.gov.uk": "confirmed"}
        assert awaiting_answers(world.ctx) == []


class TestCost:
    def test_question_replies_list_the_project_people_once_per_cycle(self, world) -> None:
        world.announce(capacity=5)
        people = [world.member(f"Member {i}", f"m{i}@camden.gov.uk") for i in range(6)]
        for i, p in enumerate(people):
            world.reply(p, "Poate, depinde de program" if i % 2 else "Can I bring my laptop?")
        before = len(world.sb.request_log)
        world.cycle(plan=False)
        listed = [
            r
            for r in world.sb.request_log[before:]
            if r.method == "GET" and r.path.endswith(f"/projects/{world.project['id']}/people.json")
        ]
        assert len(_questions(world)) == 3
        assert len([c for c in world.bot_comments() if "has a question" in c]) == 3
        assert len(listed) == 1


class TestMentions:
    def _mention(self, sgid: str, caption: str) -> str:
        return (
            f'<bc-attachment sgid="{sgid}" content-type="application/vnd.basecamp.mention">'
            f"<figure><figcaption>{caption}</figcaption></figure></bc-attachment>"
        )

    def test_forty_forged_mentions_give_at_most_three_invitations(self, world) -> None:
        world.announce(capacity=2)
        priya = world.member("Priya Shah", "priya@hackney.gov.uk")
        colleagues = [world.member(f"Colleague {i}", f"c{i}@camden.gov.uk") for i in range(5)]
        outsider = world.sb.add_person("Not On Project", "outsider@example.com")
        forged = [self._mention(f"forged-{i}", "Chioma Eze") for i in range(30)]
        real = [self._mention(c["attachable_sgid"], "Anyone") for c in colleagues]
        staff = self._mention(world.nadia["attachable_sgid"], "Colleague")
        away = self._mention(outsider["attachable_sgid"], "Colleague")
        html = " ".join([*forged, staff, away, *real, *[staff] * 3]) + " you'd love this one"
        world.reply(priya, html)
        world.cycle()
        invites = [c for c in world.bot_comments() if "reply here yourself" in c]
        assert len(invites) <= 3 and len(world.bot_comments()) <= 3
        assert invites, "real colleagues on the project are still invited"
        for body in invites:
            assert "forged" not in body and "Chioma" not in body
            assert world.nadia["attachable_sgid"] not in body
            assert outsider["attachable_sgid"] not in body
            assert any(c["attachable_sgid"] in body for c in colleagues)


class TestExport:
    def test_the_export_lists_replies_awaiting_an_answer(self, world, db_url, tmp_path) -> None:
        import csv
        import io

        from test_signups_cli import _run

        world.announce(capacity=2)
        jo = world.member("Jo Baker", "jo@camden.gov.uk")
        priya = world.member("Priya Shah", "priya@hackney.gov.uk")
        world.reply(priya, "Count me in!")
        r1 = world.reply(jo, UNSURE)
        world.cycle()
        result = _run(world, db_url, tmp_path, world.key, "--format", "csv")
        assert result.exit_code == 0, result.output
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert [(r["email"], r["status"]) for r in rows] == [
            ("priya@hackney.gov.uk", "confirmed"),
            ("jo@camden.gov.uk", "awaiting answer"),
        ]
        assert rows[1]["link"] == world.sb.get(r1["id"])["app_url"]
        assert rows[1]["organisation"] == "camden"
