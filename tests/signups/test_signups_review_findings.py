"""Regression tests for bugs found in the review of the sign-up path."""

from __future__ import annotations

from datetime import timedelta

from bot.jobs import poll


class TestReplyAfterTheCycleStarted:
    def test_reply_written_after_the_cycles_clock_is_still_acknowledged(self, world) -> None:
        # The cycle reads its clock, then lists replies: one written in between (or stamped
        # by a Basecamp clock a little ahead of ours) is "in the future" for the cycle.
        world.announce(capacity=2)
        priya = world.member("Priya Shah", "priya@hackney.gov.uk")
        world.ctx = world.ctx.at(world.sb.clock.now())
        r1 = world.reply(priya, "Count me in!")  # 30 s after the cycle's `now`
        poll.poll(world.ctx)
        assert world.bot_boosts(r1["id"]) == ["✅ You're in"]
        world.cycle()
        assert world.bot_boosts(r1["id"]) == ["✅ You're in"]
        assert "1 of 2 places taken" in world.announcement_html()


class TestStaffRemoval:
    def test_reply_from_someone_staff_removed_is_not_told_youre_in(self, world) -> None:
        world.announce(capacity=2, staff_remove=("priya@hackney.gov.uk",))
        priya = world.member("Priya Shah", "priya@hackney.gov.uk")
        r1 = world.reply(priya, "Count me in!")
        world.cycle()
        assert "0 of 2 places taken" in world.announcement_html()
        assert "✅ You're in" not in world.bot_boosts(r1["id"])

    def test_edit_of_an_earlier_yes_after_withdrawing_is_not_told_youre_in(self, world) -> None:
        world.announce(capacity=2)
        priya = world.member("Priya Shah", "priya@hackney.gov.uk")
        r1 = world.reply(priya, "Count me in!")
        world.cycle()
        world.reply(priya, "Sorry, I can no longer come, please give my place to someone else")
        world.cycle()
        assert "0 of 2 places taken" in world.announcement_html()
        world.sb.clock.advance(timedelta(seconds=30))
        world.sb.edit_comment(r1["id"], "<div>Count me in! (see below)</div>")
        world.cycle()
        assert "0 of 2 places taken" in world.announcement_html()
        assert world.bot_boosts(r1["id"]) != ["✅ You're in"]


class TestPromotionInTheSameCycleAsAnEdit:
    def test_promoted_person_who_edited_their_reply_is_still_told(self, world) -> None:
        world.announce(capacity=1)
        priya = world.member("Priya Shah", "priya@hackney.gov.uk")
        chioma = world.member("Chioma Eze", "chioma@camden.gov.uk")
        r1 = world.reply(priya, "Count me in!")
        r2 = world.reply(chioma, "Put me down please")
        world.cycle()
        assert world.bot_boosts(r2["id"]) == ["⏳ Waitlist 1"]
        world.sb.clock.advance(timedelta(seconds=30))
        world.sb.edit_comment(r1["id"], "<div>Sorry, I can't come after all</div>")
        world.sb.edit_comment(r2["id"], "<div>Put me down please, thank you!</div>")
        world.cycle()
        assert "1 of 1 places taken" in world.announcement_html()
        assert world.bot_boosts(r2["id"]) == ["✅ You're in"]
        told = [c for c in world.bot_comments() if "a place has come up" in c]
        assert len(told) == 1 and chioma["attachable_sgid"] in told[0]


class TestHostileMention:
    def test_a_huge_forged_mention_does_not_fail_the_reply(self, world) -> None:
        world.announce(capacity=2)
        priya = world.member("Priya Shah", "priya@hackney.gov.uk")
        mention = (
            f'<bc-attachment sgid="{"A" * 400}" content-type="application/'
            f'vnd.basecamp.mention"><figure><figcaption>&lt;script&gt;x</figcaption></figure>'
            f"</bc-attachment>"
        )
        world.reply(priya, f"{mention} you'd love this one")
        result = world.cycle()
        assert result.failed == 0 and result.handled == 1
        assert all("<script>" not in c for c in world.bot_comments())


class TestEditMovesBehindANewReply:
    def test_edit_to_yes_processed_before_an_earlier_new_yes_is_not_left_saying_in(
        self, world
    ) -> None:
        world.announce(capacity=1)
        priya = world.member("Priya Shah", "priya@hackney.gov.uk")
        chioma = world.member("Chioma Eze", "chioma@camden.gov.uk")
        r1 = world.reply(priya, "I might be able to come, not sure yet")
        world.cycle()
        r2 = world.reply(chioma, "Count me in!")
        world.sb.clock.advance(timedelta(seconds=30))
        world.sb.edit_comment(r1["id"], "<div>Count me in please!</div>")
        world.cycle()
        # Chioma's yes came first; Priya's changed answer joins the back of the queue.
        assert "1 of 1 places taken · 1 on the waitlist" in world.announcement_html()
        assert world.bot_boosts(r2["id"]) == ["✅ You're in"]
        assert world.bot_boosts(r1["id"]) == ["⏳ Waitlist 1"]


class TestBoostLabels:
    def test_every_boost_label_fits_basecamps_16_characters(self) -> None:
        # The API rejects a boost longer than 16 characters (CreateRecordingBoost maxLength).
        from bot.core.ledger import Outcome
        from bot.jobs.signups_acks import ack_for

        kinds = ["confirmed", "withdrawn", "declined", "maybe", "noted"]
        outcomes = [Outcome(k) for k in kinds] + [Outcome("waitlisted", 999)]
        for outcome in outcomes:
            kind, label = ack_for(outcome)
            assert kind != "boost" or len(label) <= 16, label
