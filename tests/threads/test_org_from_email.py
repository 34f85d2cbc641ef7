"""A member's organisation comes from their email domain only, never a Basecamp company name."""

from __future__ import annotations

import pytest

from bot.basecamp.pacing import NoPacing
from bot.jobs import poll
from bot.jobs.signups import signup_rows
from tests.signups.signups_world import SignupWorld


@pytest.fixture
def world(sandbox, store, tmp_path) -> SignupWorld:
    poll.load_handlers()
    return SignupWorld(sandbox, store, tmp_path, pacer=NoPacing())


def test_an_outsider_whose_company_is_called_camden_does_not_take_camdens_place(world):
    # Three places, one held for each member organisation until the deadline.
    world.announce(capacity=3, per_org_minimum=1)
    outsider = world.member("Olive Stone", "olive@example.org", company="camden")
    hackney = world.member("Priya Shah", "priya@hackney.gov.uk", company="Camden")
    camden = world.member("Chioma Eze", "chioma@camden.gov.uk")
    r_out = world.reply(outsider, "Count me in")
    r_hackney = world.reply(hackney, "Yes please")
    r_camden = world.reply(camden, "Yes please")
    world.cycle()
    signups = signup_rows(world.ctx, world.key)
    rows = {r.email: (r.status, r.organisation) for r in signups}
    assert rows["chioma@camden.gov.uk"] == ("confirmed", "camden")
    assert rows["priya@hackney.gov.uk"] == ("confirmed", "hackney")
    assert rows["olive@example.org"][0] == "waitlisted"
    # Shown as the company she gave, but not as a member organisation.
    assert [r.org_known for r in signups if r.email == "olive@example.org"] == [False]
    assert world.bot_boosts(r_out["id"]) == ["⏳ Waitlist 1"]
    assert world.bot_boosts(r_camden["id"]) == ["✅ You're in"]
    assert world.bot_boosts(r_hackney["id"]) == ["✅ You're in"]
