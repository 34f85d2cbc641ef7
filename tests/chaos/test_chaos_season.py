"""The short chaos season (the long one: `make chaos`, bench/chaos_season.py).

The same seeded season runs without faults and with them; the faulty run must end in the
same state, with no duplicate write and no lost or wrong sign-up.
"""

from __future__ import annotations

import os

import pytest

from bot.jobs import poll
from bot.sandbox import Sandbox
from tests.chaos.season import Faults, Season, make_plan

SEED = int(os.environ.get("CHAOS_SEED", "20261203"))
# Both databases on one worker under `-n 2 --dist loadgroup`, so the calm season runs once.
pytestmark = [pytest.mark.xdist_group("chaos"), pytest.mark.long]


def _plan():
    return make_plan(SEED, replies=36, cycles=48)


@pytest.fixture(scope="module")
def calm(tmp_path_factory):
    """The same season without faults: the state both stormy runs must end in."""
    poll.load_handlers()
    tmp = tmp_path_factory.mktemp("calm")
    sb = Sandbox().start()
    try:  # the calm run's database kind is moot
        return Season(sb, f"sqlite:///{tmp / 'calm.sqlite3'}", tmp / "calm", _plan(), SEED).run()
    finally:
        sb.stop()


@pytest.mark.allow_spec_violations
def test_a_short_chaos_season_ends_as_the_calm_one(sandbox, calm, db_url, tmp_path):
    poll.load_handlers()
    plan = _plan()
    # Faults more often than the long season's rates, so a short run meets each kind.
    faults = Faults(error_rate=0.10, drop_rate=0.25, late_rate=0.2, burst_rate=0.15,
                    kill_rate=0.25, token_rate=0.1, access_rate=0.08,
                    forced={3: ("access",), 9: ("token", "token-no-refresh"), 13: ("token",)})
    stormy = Season(sandbox, db_url, tmp_path / "stormy", plan, SEED, faults).run()
    print(f"chaos (seed {SEED}): {stormy.cycles} cycles, {stormy.failed_cycles} failed, "
          f"{stormy.kills} kills, faults {dict(stormy.injected)}, {stormy.writes} writes, "
          f"{len(stormy.duplicates)} duplicates, {stormy.seconds:.1f}s")
    assert stormy.duplicates == [], stormy.duplicates
    assert calm.duplicates == []
    assert stormy.kills >= 1 and sum(stormy.injected.values()) >= 8
    assert {"drop-after-commit", "commit-late", "429 burst (long Retry-After)",
            "token expiry (no refresh)", "project access lost"} <= set(stormy.injected)
    # The cohorts were set up and the mentoring round ran to its introductions (so the
    # comparison below covers them, not two empty states).
    for name in ("chaos A", "chaos B"):
        cohort = calm.state[f"cohort Confident Digital Leaders, {name}"]
        assert len(cohort["entries"]) == 3 and len(cohort["welcome"]) == 1, cohort
        assert "helen@adeyemi.co.uk" in cohort["access"] and len(cohort["access"]) >= 6
    assert calm.state["cohort Confident Digital Leaders, chaos A"]["questions"]
    mentoring = calm.state["mentoring"]
    assert mentoring["stage"] == "introduced" and len(mentoring["pairs"]) >= 10
    assert sum("meet" in c for c in mentoring["bot comments on the call"]) == len(
        mentoring["pairs"])
    for key in calm.state:
        assert stormy.state[key] == calm.state[key], key

