"""Funded places in the pure ledger and bot.core.funding: who pays, whom to ask, the spend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.config.signups import SignupRules
from bot.core.funding import read_answer, summary, to_ask
from bot.core.ledger import Entry, Funding, compute

T0 = datetime(2027, 1, 11, 9, 0, tzinfo=UTC)
NOW = T0 + timedelta(days=3)
ORGS = ("camden", "hackney", "brent")
# LOTI funds 3 places, each organisation's first held for it; the course has 5 seats.
RULES = SignupRules(capacity=3, per_org_minimum=1, reservation_deadline=T0 + timedelta(days=20))
FUNDING = Funding(borough_places=2)


def join(n: int, who: str, org: str, intent: str = "join") -> Entry:
    return Entry(f"comment:{n:03d}", who, T0 + timedelta(minutes=n), intent, org)


def borough(n: int, who: str, org: str) -> Entry:
    return Entry(f"funding:{n:03d}", who, T0 + timedelta(minutes=n), "borough", org)


def test_loti_funds_first_places_then_the_organisation_may_fund_a_second():
    entries = [join(1, "sam", "camden"), join(2, "hana", "hackney"), join(3, "dee", "camden")]
    ledger = compute(RULES, entries, NOW, ORGS, FUNDING)
    assert [p.who for p in ledger.confirmed] == ["sam", "hana"]
    assert [p.who for p in ledger.waitlist] == ["dee"]  # Brent's first place is held
    assert {p.who: p.funded_by for p in ledger.confirmed} == {"sam": "loti", "hana": "loti"}

    ledger = compute(RULES, [*entries, borough(10, "dee", "camden")], NOW, ORGS, FUNDING)
    dee = ledger.people["dee"]
    assert (dee.status, dee.funded_by, dee.position) == ("confirmed", "camden", None)
    assert ledger.borough == {"dee": "camden"}
    assert ledger.line() == "3 of 4 places taken"
    # Brent's held LOTI place is still there for Brent.
    ledger = compute(RULES, [*entries, borough(10, "dee", "camden"), join(11, "bea", "brent")],
                     NOW, ORGS, FUNDING)
    assert ledger.people["bea"].funded_by == "loti"


def test_without_funding_nobody_is_marked_as_paying():
    ledger = compute(RULES, [join(1, "sam", "camden")], NOW, ORGS)
    assert ledger.people["sam"].funded_by is None


def test_a_yes_for_someone_not_waiting_or_beyond_the_seats_opens_nothing():
    entries = [join(1, "sam", "camden"), borough(2, "sam", "camden")]
    ledger = compute(RULES, entries, NOW, ORGS, FUNDING)
    assert ledger.people["sam"].funded_by == "loti" and not ledger.borough
    full = Funding(borough_places=0)
    entries = [join(1, "sam", "camden"), join(2, "hana", "hackney"), join(3, "dee", "camden"),
               borough(4, "dee", "camden")]
    ledger = compute(RULES, entries, NOW, ORGS, full)
    assert ledger.people["dee"].status == "waitlisted"
    assert ledger.outcomes["funding:004"].kind == "full"


def test_withdrawing_from_a_borough_place_frees_no_loti_place():
    entries = [join(1, "sam", "camden"), join(2, "hana", "hackney"), join(3, "dee", "camden"),
               join(4, "kai", "hackney"), borough(10, "dee", "camden"),
               join(20, "dee", "camden", intent="withdraw")]
    ledger = compute(RULES, entries, NOW, ORGS, FUNDING)
    assert ledger.people["dee"].status == "withdrawn"
    assert ledger.people["dee"].funded_by is None
    assert not ledger.borough
    assert ledger.people["kai"].status == "waitlisted"  # LOTI's places are unchanged
    assert summary(ledger, 3, 590, ORGS).loti_taken == 2


def test_reply_order_rule_has_no_held_places():
    rules = SignupRules(capacity=2)
    entries = [join(1, "sam", "camden"), join(2, "dee", "camden"), join(3, "hana", "hackney")]
    ledger = compute(rules, entries, NOW, ORGS, FUNDING)
    assert [p.who for p in ledger.confirmed] == ["sam", "dee"]


def test_whom_to_ask_respects_places_confirmers_and_earlier_asks():
    entries = [join(1, "sam", "camden"), join(2, "hana", "hackney"), join(3, "dee", "camden"),
               join(4, "kai", "hackney"), join(5, "eve", "camden")]
    ledger = compute(RULES, entries, NOW, ORGS, FUNDING)
    assert [p.who for p in ledger.waitlist] == ["dee", "kai", "eve"]
    asked = to_ask(ledger, 2, confirmable={"camden"}, already=set())
    assert [p.who for p in asked] == ["dee", "eve"]  # Hackney has nobody to confirm
    # Dee's organisation was asked and has not answered: one place left to ask about.
    assert [p.who for p in to_ask(ledger, 2, {"camden", "hackney"}, {"dee"})] == ["kai"]
    assert to_ask(ledger, 0, {"camden"}, set()) == []


def test_answers_count_only_when_the_reader_is_sure():
    assert read_answer("join", True) == "yes"
    assert read_answer("decline", True) == "no"
    assert read_answer("join", False) == "unsure"
    assert read_answer("maybe", True) == "unsure"
    assert read_answer("other", True) == "unsure"


def test_summary_shows_spend_borough_places_and_organisations_below_two():
    entries = [join(1, "sam", "camden"), join(2, "hana", "hackney"), join(3, "dee", "camden"),
               borough(10, "dee", "camden")]
    s = summary(compute(RULES, entries, NOW, ORGS, FUNDING), 3, 590, ORGS)
    assert (s.loti_taken, s.loti_spend, s.loti_budget) == (2, 1180, 1770)
    assert s.borough == {"camden": 1}
    assert s.below_two == ["hackney", "brent"]


def test_a_confirmer_for_an_unknown_organisation_is_a_config_error(tmp_path):
    import pytest

    from bot.config import ConfigError, load_config
    from tests.events.posting_world import NETWORK_YAML
    from tests.programme.test_funding_flow import COHORT

    (tmp_path / "network.yaml").write_text(NETWORK_YAML)
    (tmp_path / "cohorts.yaml").write_text(COHORT.replace("organisation: camden",
                                                          "organisation: camdne"))
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path)
    assert err.value.line == COHORT.splitlines().index(
        "        - {organisation: camden, email: ruth@camden.gov.uk}") + 1
    assert "'camdne' is not an organisation key in network.yaml" in str(err.value)
    assert str(err.value).startswith(f"{tmp_path / 'cohorts.yaml'}:")
