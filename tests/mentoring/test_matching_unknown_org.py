"""An unknown organisation is neither the same as nor different from anyone's (issue 10).

Organisations come only from email domains, so an unknown one is common (a personal address,
a partner body). A careful coordinator neither claims "different organisations" for such a
pair nor refuses to pair her: no across-organisations credit, no "fresh eyes" reason, but the
"required" rule does not block her either (staff see the pairs before introductions).
"""

from __future__ import annotations

from bot.core.matching import Person, Rules, match, pair_score, reasons


def _mentor(pid: int, org: str | None) -> Person:
    return Person(id=pid, name=f"Mentor {pid}", org=org, level=None, offers=frozenset({"cloud"}),
                  wants=frozenset(), capacity=1, mentee=False)  # fmt: skip


def _mentee(pid: int, org: str | None, prefs: frozenset[str] = frozenset()) -> Person:
    return Person(id=pid, name=f"Mentee {pid}", org=org, level=None, offers=frozenset(),
                  wants=frozenset({"cloud"}), capacity=0, mentee=True,
                  preferences=prefs)  # fmt: skip


def test_two_unknown_organisations_earn_no_across_organisations_credit() -> None:
    rules = Rules()
    unknown = pair_score(_mentor(1, None), _mentee(2, None), rules)
    known = pair_score(_mentor(1, "Camden"), _mentee(2, "Brent"), rules)
    assert unknown is not None and known is not None
    assert known - unknown == rules.weights.across_orgs
    assert pair_score(_mentor(1, None), _mentee(2, "Brent"), rules) == unknown
    assert not any("different organisations" in r
                   for r in reasons(_mentor(1, None), _mentee(2, None), rules))  # fmt: skip


def test_a_known_different_pair_wins_over_an_unknown_one() -> None:
    people = [_mentor(1, None), _mentor(3, "Camden"), _mentee(2, "Brent")]
    (pair,) = match(people, Rules()).pairs
    assert pair.mentor_id == 3


def test_an_other_organisation_wish_is_not_met_by_an_unknown_one() -> None:
    rules = Rules()
    wish = frozenset({"other_org"})
    unknown = pair_score(_mentor(1, None), _mentee(2, "Brent", wish), rules)
    plain = pair_score(_mentor(1, None), _mentee(2, "Brent"), rules)
    assert unknown == plain


def test_required_across_organisations_does_not_block_an_unknown_one() -> None:
    rules = Rules(across_orgs="required")
    assert pair_score(_mentor(1, None), _mentee(2, None), rules) is not None
    assert pair_score(_mentor(1, "Camden"), _mentee(2, "Camden"), rules) is None
