"""The pure sign-up ledger: capacity, waitlist, reservations, closing, staff changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.config.signups import SignupRules
from bot.core.ledger import Entry, compute

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NOW = T0 + timedelta(days=10)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def reply(
    n: int,
    who: str,
    intent: str = "join",
    org: str | None = None,
    minute: int | None = None,
    staff: bool = False,
) -> Entry:
    return Entry(f"comment:{n}", who, at(n if minute is None else minute), intent, org, staff)


def statuses(ledger) -> dict[str, str]:
    return {w: p.status for w, p in ledger.people.items()}


class TestCapacityAndWaitlist:
    def test_places_go_in_reply_order_then_the_waitlist(self) -> None:
        rules = SignupRules(capacity=2)
        ledger = compute(rules, [reply(1, "a"), reply(2, "b"), reply(3, "c"), reply(4, "d")], NOW)
        assert [p.who for p in ledger.confirmed] == ["a", "b"]
        assert [(p.who, p.position) for p in ledger.waitlist] == [("c", 1), ("d", 2)]
        assert ledger.outcomes["comment:3"].kind == "waitlisted"
        assert ledger.outcomes["comment:4"].position == 2
        assert ledger.line() == "2 of 2 places taken · 2 on the waitlist"

    def test_order_is_by_time_not_by_list_order(self) -> None:
        rules = SignupRules(capacity=1)
        ledger = compute(rules, [reply(2, "late"), reply(1, "early")], NOW)
        assert [p.who for p in ledger.confirmed] == ["early"]

    def test_one_place_per_person(self) -> None:
        rules = SignupRules(capacity=3)
        ledger = compute(rules, [reply(1, "a"), reply(2, "a"), reply(3, "b")], NOW)
        assert len(ledger.confirmed) == 2
        assert ledger.outcomes["comment:2"].kind == "confirmed"

    def test_no_waitlist_means_full(self) -> None:
        rules = SignupRules(capacity=1, waitlist=False)
        ledger = compute(rules, [reply(1, "a"), reply(2, "b")], NOW)
        assert ledger.outcomes["comment:2"].kind == "full"
        assert "b" not in ledger.people

    def test_withdrawal_promotes_the_first_waiting(self) -> None:
        rules = SignupRules(capacity=1)
        entries = [reply(1, "a"), reply(2, "b"), reply(3, "c"), reply(4, "a", "withdraw")]
        ledger = compute(rules, entries, NOW)
        assert statuses(ledger) == {"a": "withdrawn", "b": "confirmed", "c": "waitlisted"}
        assert ledger.people["b"].promoted_from == "comment:2"
        assert ledger.people["c"].position == 1
        assert ledger.outcomes["comment:4"].kind == "withdrawn"

    def test_a_decline_from_someone_waiting_leaves_the_waitlist(self) -> None:
        rules = SignupRules(capacity=1)
        entries = [reply(1, "a"), reply(2, "b"), reply(3, "c"), reply(4, "b", "decline")]
        ledger = compute(rules, entries, NOW)
        assert ledger.people["b"].status == "withdrawn"
        assert ledger.people["c"].position == 1
        assert ledger.people["a"].status == "confirmed"

    def test_decline_without_a_place_is_declined(self) -> None:
        ledger = compute(SignupRules(capacity=5), [reply(1, "a", "decline")], NOW)
        assert ledger.people["a"].status == "declined"

    def test_maybe_and_question_take_no_place(self) -> None:
        rules = SignupRules(capacity=1)
        entries = [reply(1, "a", "maybe"), reply(2, "b", "question"), reply(3, "c")]
        ledger = compute(rules, entries, NOW)
        assert statuses(ledger) == {"a": "maybe", "b": "question", "c": "confirmed"}

    def test_a_question_after_joining_keeps_the_place(self) -> None:
        ledger = compute(SignupRules(capacity=1), [reply(1, "a"), reply(2, "a", "question")], NOW)
        assert ledger.people["a"].status == "confirmed"
        assert ledger.outcomes["comment:2"].kind == "question"

    def test_other_changes_nothing(self) -> None:
        ledger = compute(SignupRules(capacity=1), [reply(1, "a"), reply(2, "a", "other")], NOW)
        assert ledger.people["a"].status == "confirmed"
        assert ledger.outcomes["comment:2"].kind == "noted"

    def test_rejoining_after_withdrawing_goes_to_the_back(self) -> None:
        rules = SignupRules(capacity=1)
        entries = [reply(1, "a"), reply(2, "b"), reply(3, "a", "withdraw"), reply(4, "a")]
        ledger = compute(rules, entries, NOW)
        assert ledger.people["b"].status == "confirmed"
        assert (ledger.people["a"].status, ledger.people["a"].position) == ("waitlisted", 1)


class TestEditsAndTrash:
    def test_an_edit_from_yes_to_no_frees_the_place(self) -> None:
        rules = SignupRules(capacity=1)
        before = compute(rules, [reply(1, "a"), reply(2, "b")], NOW)
        after = compute(rules, [reply(1, "a", "decline"), reply(2, "b")], NOW)
        assert before.people["b"].status == "waitlisted"
        assert after.people["b"].status == "confirmed"
        assert after.people["a"].status == "declined"

    def test_a_trashed_reply_withdraws_its_effect(self) -> None:
        rules = SignupRules(capacity=1)
        ledger = compute(rules, [reply(2, "b")], NOW)  # comment 1 (a's yes) was trashed
        assert "a" not in ledger.people
        assert ledger.people["b"].status == "confirmed"

    def test_recompute_is_deterministic(self) -> None:
        rules = SignupRules(capacity=3)
        entries = [reply(i, f"p{i % 5}", ["join", "decline", "maybe"][i % 3]) for i in range(40)]
        assert statuses(compute(rules, entries, NOW)) == statuses(
            compute(rules, list(reversed(entries)), NOW)
        )


class TestClosing:
    def test_a_join_after_closing_gets_no_place(self) -> None:
        rules = SignupRules(capacity=5, closes_at=at(10))
        ledger = compute(rules, [reply(1, "a"), reply(11, "b")], NOW)
        assert ledger.outcomes["comment:11"].kind == "closed"
        assert "b" not in ledger.people
        assert ledger.closed
        assert ledger.line().endswith("sign-ups have closed")

    def test_not_closed_before_the_time(self) -> None:
        rules = SignupRules(capacity=5, closes_at=at(10))
        assert not compute(rules, [reply(1, "a")], at(5)).closed

    def test_a_withdrawal_after_closing_still_frees_the_place(self) -> None:
        rules = SignupRules(capacity=1, closes_at=at(10))
        entries = [reply(1, "a"), reply(2, "b"), reply(12, "a", "withdraw")]
        ledger = compute(rules, entries, NOW)
        assert ledger.people["b"].status == "confirmed"


class TestOrganisations:
    ORGS = ("camden", "hackney", "ealing")

    def rules(self, **kw) -> SignupRules:
        base = {"capacity": 8, "per_org_minimum": 2, "reservation_deadline": at(100)}
        return SignupRules(**(base | kw))

    def test_places_are_held_for_each_organisation_before_the_deadline(self) -> None:
        # 8 places, 2 held for each of 3 orgs: 2 general places. Camden's 4 replies take 2
        # held + 2 general; the 5th waits even though 4 places are still free.
        entries = [reply(i, f"c{i}", org="camden") for i in range(1, 6)]
        ledger = compute(self.rules(), entries, at(50), self.ORGS)
        assert len(ledger.confirmed) == 4
        assert [p.who for p in ledger.waitlist] == ["c5"]
        hackney = compute(
            self.rules(), [*entries, reply(20, "h1", org="hackney")], at(50), self.ORGS
        )
        assert hackney.people["h1"].status == "confirmed"

    def test_held_places_are_released_to_the_waitlist_in_reply_order_at_the_deadline(self) -> None:
        entries = [reply(i, f"c{i}", org="camden") for i in range(1, 8)]
        entries.append(reply(8, "x1", org=None))
        before = compute(self.rules(), entries, at(99), self.ORGS)
        assert [p.who for p in before.waitlist] == ["c5", "c6", "c7", "x1"]
        after = compute(self.rules(), entries, at(100), self.ORGS)
        assert len(after.confirmed) == 8
        assert [p.who for p in after.waitlist] == []
        assert after.people["c5"].promoted_from == "comment:5"

    def test_release_respects_reply_order_when_places_are_short(self) -> None:
        entries = [reply(i, f"c{i}", org="camden") for i in range(1, 8)]
        entries += [reply(8, "h1", org="hackney"), reply(9, "h2", org="hackney")]
        after = compute(self.rules(), entries, at(100), self.ORGS)
        # Hackney took its 2 held places; 2 Ealing places are released to c5 and c6.
        assert {p.who for p in after.confirmed} >= {"h1", "h2", "c5", "c6"}
        assert [p.who for p in after.waitlist] == ["c7"]

    def test_joins_after_the_deadline_use_released_places(self) -> None:
        entries = [reply(i, f"c{i}", org="camden") for i in range(1, 5)]
        entries.append(reply(150, "c5", org="camden", minute=150))
        after = compute(self.rules(), entries, at(200), self.ORGS)
        assert after.people["c5"].status == "confirmed"

    def test_per_organisation_maximum(self) -> None:
        rules = SignupRules(capacity=10, per_org_maximum=2)
        entries = [reply(i, f"c{i}", org="camden") for i in range(1, 4)] + [
            reply(5, "h", org="hackney")
        ]
        ledger = compute(rules, entries, NOW, self.ORGS)
        assert ledger.people["c3"].status == "waitlisted"
        assert ledger.people["h"].status == "confirmed"

    def test_waitlist_skips_someone_whose_organisation_is_at_its_maximum(self) -> None:
        rules = SignupRules(capacity=3, per_org_maximum=2)
        entries = [
            reply(1, "c1", org="camden"),
            reply(2, "c2", org="camden"),
            reply(3, "h1", org="hackney"),
            reply(4, "c3", org="camden"),
            reply(5, "e1", org="ealing"),
            reply(6, "h1", "withdraw"),
        ]
        ledger = compute(rules, entries, NOW, self.ORGS)
        assert ledger.people["e1"].status == "confirmed"
        assert ledger.people["c3"].status == "waitlisted"

    def test_unknown_organisation_uses_general_places(self) -> None:
        entries = [reply(1, "u1"), reply(2, "u2"), reply(3, "u3")]
        ledger = compute(self.rules(), entries, at(50), self.ORGS)
        assert [p.status for p in ledger.people.values()] == [
            "confirmed",
            "confirmed",
            "waitlisted",
        ]


class TestStaff:
    def test_staff_add_takes_a_place_even_when_full(self) -> None:
        rules = SignupRules(capacity=1)
        entries = [reply(1, "a"), Entry("staff:1", "b", at(2), "add", staff=True)]
        ledger = compute(rules, entries, NOW)
        assert statuses(ledger) == {"a": "confirmed", "b": "confirmed"}

    def test_staff_add_after_closing(self) -> None:
        rules = SignupRules(capacity=2, closes_at=at(1))
        ledger = compute(rules, [Entry("staff:1", "b", at(5), "add", staff=True)], NOW)
        assert ledger.people["b"].status == "confirmed"

    def test_staff_remove_promotes_the_waitlist(self) -> None:
        rules = SignupRules(capacity=1)
        entries = [reply(1, "a"), reply(2, "b"), Entry("staff:1", "a", at(3), "remove", staff=True)]
        ledger = compute(rules, entries, NOW)
        assert statuses(ledger) == {"a": "withdrawn", "b": "confirmed"}

    def test_staff_add_moves_someone_off_the_waitlist(self) -> None:
        rules = SignupRules(capacity=1)
        entries = [reply(1, "a"), reply(2, "b"), Entry("staff:1", "b", at(3), "add", staff=True)]
        ledger = compute(rules, entries, NOW)
        assert ledger.people["b"].status == "confirmed" and not ledger.waitlist

    def test_future_entries_are_not_applied_yet(self) -> None:
        ledger = compute(SignupRules(capacity=1), [reply(1, "a")], at(0))
        assert "a" not in ledger.people
