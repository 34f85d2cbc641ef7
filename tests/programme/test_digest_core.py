"""The staff digest's figures (pure) and its chart."""

from __future__ import annotations

from bot.core.digest import NOT_STATED, Member, below, build
from bot.jobs.digest_chart import chart_png


def test_members_by_organisation_and_level_never_guess():
    members = [Member(1, "Camden", "Senior"), Member(2, "Camden", None),
               Member(3, None, "Apprentice"), Member(4, "Hackney", "Senior")]
    d = build(members, level_order=("Apprentice", "Senior", "CDO"),
              organisation_order=("Camden", "Hackney", "Brent"))
    assert d.levels == ["Apprentice", "Senior", NOT_STATED]
    assert [(r.organisation, r.total, r.by_level) for r in d.organisations] == [
        ("Camden", 2, {"Senior": 1, NOT_STATED: 1}),
        ("Hackney", 1, {"Senior": 1}),
        ("Brent", 0, {}),
        (NOT_STATED, 1, {"Apprentice": 1}),
    ]
    assert d.seniority == [("Apprentice", 1), ("Senior", 2), (NOT_STATED, 1)]


def test_below_two():
    assert below({"Camden": 2, "Hackney": 1}, ["Camden", "Hackney", "Brent"]) == [
        "Hackney", "Brent"]


def test_the_chart_is_a_png():
    d = build([Member(1, "Camden", "Senior"), Member(2, None, None)], ("Senior",), ("Camden",))
    png = chart_png(d)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 2000
