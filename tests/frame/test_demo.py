"""The demo frame: seeds the sandbox from config and runs ticks through time."""

from __future__ import annotations

from bot.config import load_config
from bot.demo import MEMBERS, run_demo, seed
from bot.sandbox import Sandbox
from tests.frame.frame_support import REPO


def test_seed_creates_the_project_and_people_from_config() -> None:
    config = load_config(REPO / "config")
    with Sandbox() as sandbox:
        seeded = seed(sandbox, config)
        people = sandbox.state.projects[seeded.project_id]["people"]
        champions = [o for o in config.network.organisations if o.champion]
        expected = len(config.network.staff) + len(champions) + len(MEMBERS)
        assert len(seeded.member_ids) == len(MEMBERS)
        assert set(seeded.member_ids) <= set(people)
        assert len(set(people) - {sandbox.state.bot_person_id}) == expected


def test_demo_runs_a_step_and_finishes(capsys) -> None:
    run_demo(steps=1, config_dir=REPO / "config", templates_dir=REPO / "templates")
    out = capsys.readouterr().out
    assert "Sandbox Basecamp at http://127.0.0.1:" in out
    assert "— Tuesday 22 December 2026, 09:30 —" in out
    assert "change(s) made in Basecamp" in out
    assert out.rstrip().endswith("Demo finished.")
