"""End to end against the sandbox: replies in, acknowledgements, live line, participants out."""

from __future__ import annotations

from datetime import timedelta

from signups_world import START

from bot.jobs.signups import signup_rows


def _three(world):
    return (
        world.member("Priya Shah", "priya@hackney.gov.uk"),
        world.member("Chioma Eze", "chioma@camden.gov.uk"),
        world.member("Bea Patel", "bea@brent.gov.uk"),
    )


class TestFillingUp:
    def test_announcement_fills_up_then_waitlist(self, world) -> None:
        world.announce(capacity=2)
        priya, chioma, bea = _three(world)
        r1 = world.reply(priya, "Count me in!")
        r2 = world.reply(chioma, "Yes please 🙂")
        r3 = world.reply(bea, "I'd love a place")
        world.cycle()
        assert world.bot_boosts(r1["id"]) == ["✅ You're in"]
        assert world.bot_boosts(r2["id"]) == ["✅ You're in"]
        assert world.bot_boosts(r3["id"]) == ["⏳ Waitlist 1"]
        assert "2 of 2 places taken · 1 on the waitlist" in world.announcement_html()
        assert world.participants() == sorted([priya["id"], chioma["id"]])
        statuses = {
            r.email: (r.status, r.waitlist_position, r.organisation)
            for r in signup_rows(world.ctx, world.key)
        }
        assert statuses == {
            "priya@hackney.gov.uk": ("confirmed", None, "hackney"),
            "chioma@camden.gov.uk": ("confirmed", None, "camden"),
            "bea@brent.gov.uk": ("waitlisted", 1, "brent"),
        }

    def test_idle_cycles_post_nothing_more(self, world) -> None:
        world.announce(capacity=2)
        priya, _, _ = _three(world)
        world.reply(priya, "Count me in!")
        world.cycle()
        writes = [r for r in world.sb.request_log if r.method != "GET"]
        world.cycle()
        world.cycle()
        assert [r for r in world.sb.request_log if r.method != "GET"] == writes

    def test_withdrawal_promotes_and_tells_the_promoted_person(self, world) -> None:
        world.announce(capacity=1)
        priya, chioma, _ = _three(world)
        world.reply(priya, "Yes please")
        r2 = world.reply(chioma, "Put me down please")
        world.cycle()
        assert world.bot_boosts(r2["id"]) == ["⏳ Waitlist 1"]
        r3 = world.reply(priya, "Sorry, I need to drop out — clash with a board meeting")
        world.cycle()
        assert world.bot_boosts(r3["id"]) == ["👋 Place released"]
        promoted = [c for c in world.bot_comments() if "a place has come up" in c]
        assert len(promoted) == 1 and chioma["attachable_sgid"] in promoted[0]
        assert world.participants() == [chioma["id"]]
        world.cycle()
        assert len([c for c in world.bot_comments() if "a place has come up" in c]) == 1

    def test_edit_from_yes_to_no_replaces_the_acknowledgement(self, world) -> None:
        world.announce(capacity=1)
        priya, chioma, _ = _three(world)
        r1 = world.reply(priya, "Yes please")
        r2 = world.reply(chioma, "Count me in")
        world.cycle()
        world.sb.clock.advance(timedelta(seconds=10))
        world.sb.edit_comment(r1["id"], "<div>Actually I can't make it, sorry</div>")
        world.cycle()
        assert world.bot_boosts(r1["id"]) == ["👍 Noted, thanks"]  # the old ✅ is gone
        assert world.participants() == [chioma["id"]]
        assert "1 of 1 places taken" in world.announcement_html()
        # Edited back: exactly one current acknowledgement again, never two.
        world.sb.clock.advance(timedelta(seconds=10))
        world.sb.edit_comment(r1["id"], "<div>Yes please after all!</div>")
        world.cycle()
        assert world.bot_boosts(r1["id"]) == ["⏳ Waitlist 1"]
        assert world.bot_boosts(r2["id"]) == ["✅ You're in"]

    def test_trashed_reply_withdraws_its_effect(self, world) -> None:
        world.announce(capacity=1)
        priya, chioma, _ = _three(world)
        r1 = world.reply(priya, "Yes please")
        world.reply(chioma, "Yes please")
        world.cycle()
        world.sb.clock.advance(timedelta(seconds=10))
        world.sb.trash_comment(r1["id"])
        world.cycle()
        assert world.participants() == [chioma["id"]]
        rows = {r.email: r.status for r in signup_rows(world.ctx, world.key)}
        assert rows == {"chioma@camden.gov.uk": "confirmed"}

    def test_out_of_office_takes_no_place_and_gets_no_boost(self, world) -> None:
        world.announce(capacity=2)
        priya, _, _ = _three(world)
        r1 = world.reply(
            priya, "Automatic reply: I am out of the office until Monday with no access to email."
        )
        world.cycle()
        assert world.bot_boosts(r1["id"]) == []
        assert "0 of 2 places taken" in world.announcement_html()
        assert signup_rows(world.ctx, world.key) == []


class TestTalking:
    def test_question_is_passed_to_the_staff_contact_once(self, world) -> None:
        world.announce(capacity=2, staff_contact="nadia.rossi@loti.london")
        priya, _, _ = _three(world)
        r1 = world.reply(priya, "Will the slides be shared afterwards?")
        world.cycle()
        passed = [c for c in world.bot_comments() if "has a question" in c]
        assert len(passed) == 1 and world.nadia["attachable_sgid"] in passed[0]
        world.sb.clock.advance(timedelta(seconds=10))
        world.sb.edit_comment(r1["id"], "<div>Will the slides be shared afterwards, please?</div>")
        world.cycle()
        assert len([c for c in world.bot_comments() if "has a question" in c]) == 1

    def test_mentioned_colleague_is_invited_to_reply_themselves(self, world) -> None:
        world.announce(capacity=2)
        priya, chioma, _ = _three(world)
        mention = (
            f'<bc-attachment sgid="{chioma["attachable_sgid"]}" content-type="application/'
            f'vnd.basecamp.mention"><figure><figcaption>Chioma Eze</figcaption></figure>'
            f"</bc-attachment>"
        )
        world.reply(priya, f"{mention} this would be right up your street!")
        world.reply(priya, f"{mention} you'd love this one")
        world.cycle()
        invites = [c for c in world.bot_comments() if "reply here yourself" in c]
        assert len(invites) == 1 and chioma["attachable_sgid"] in invites[0]
        assert signup_rows(world.ctx, world.key) == []

    def test_reply_after_closing_gets_a_kind_closed_answer(self, world) -> None:
        world.announce(capacity=5, closes_at=START + timedelta(hours=1))
        priya, _, _ = _three(world)
        world.sb.clock.advance(timedelta(hours=2))
        r1 = world.reply(priya, "Yes please!")
        world.cycle()
        closed = [c for c in world.bot_comments() if "have closed" in c]
        assert len(closed) == 1 and priya["attachable_sgid"] in closed[0]
        assert world.bot_boosts(r1["id"]) == []
        assert "sign-ups have closed" in world.announcement_html()


class TestOrganisations:
    def test_reservations_release_to_the_waitlist_at_the_deadline(self, world) -> None:
        deadline = START + timedelta(days=2)
        world.announce(capacity=4, per_org_minimum=1, reservation_deadline=deadline)
        camden = [world.member(f"Camden {i}", f"c{i}@camden.gov.uk") for i in range(4)]
        replies = [world.reply(p, "Yes please") for p in camden]
        world.cycle()
        # 4 places, 1 held for each of camden/hackney/brent: Camden gets 1 held + 1 general.
        assert [world.bot_boosts(r["id"]) for r in replies] == [
            ["✅ You're in"],
            ["✅ You're in"],
            ["⏳ Waitlist 1"],
            ["⏳ Waitlist 2"],
        ]
        world.cycle(advance=timedelta(days=3))
        assert "4 of 4 places taken" in world.announcement_html()
        promoted = [c for c in world.bot_comments() if "a place has come up" in c]
        assert len(promoted) == 2


class TestBoosts:
    def test_a_boost_on_the_announcement_counts_when_the_rules_say_so(self, world) -> None:
        world.announce(capacity=2, boost_counts_as_join=True)
        priya, chioma, _ = _three(world)
        world.sb.boost(priya["id"], world.message_id, "🙋")
        r2 = world.reply(chioma, "Yes please")
        world.cycle()
        assert world.bot_boosts(r2["id"]) == ["✅ You're in"]
        assert "2 of 2 places taken" in world.announcement_html()
        assert world.participants() == sorted([priya["id"], chioma["id"]])

    def test_boosts_do_not_count_by_default(self, world) -> None:
        world.announce(capacity=2)
        priya, _, _ = _three(world)
        world.sb.boost(priya["id"], world.message_id, "🙋")
        world.cycle()
        assert "0 of 2 places taken" in world.announcement_html()


class TestNoWaitlist:
    def test_full_without_a_waitlist_gets_a_kind_reply(self, world) -> None:
        world.announce(capacity=1, waitlist=False)
        priya, chioma, _ = _three(world)
        world.reply(priya, "Yes please")
        r2 = world.reply(chioma, "Count me in")
        world.cycle()
        full = [c for c in world.bot_comments() if "no waiting list" in c]
        assert len(full) == 1 and chioma["attachable_sgid"] in full[0]
        assert world.bot_boosts(r2["id"]) == []
        assert [r.email for r in signup_rows(world.ctx, world.key)] == ["priya@hackney.gov.uk"]
