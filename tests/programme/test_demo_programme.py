"""The demo's programme scenes run end to end against their own sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.demo_programme import run_programme_scenes

REPO = Path(__file__).resolve().parents[2]
# One worker runs the scenes once (module fixture), with the demo: both draw the digest chart.
pytestmark = pytest.mark.xdist_group("demo")


@pytest.fixture(scope="module")
def scenes() -> tuple[dict, list[str]]:
    """One run of the scenes (about 8 s): the bot's outbox rows and what the demo printed."""
    lines: list[str] = []
    return run_programme_scenes(REPO / "templates", echo=lines.append), lines


def test_the_scenes_show_each_part_once(scenes):
    rows, lines = scenes
    done = {k for k, r in rows.items() if r.status == "done"}
    assert any(k.startswith("funding:autumn-2027:ask:") for k in done)
    assert any(k.startswith("funding:autumn-2027:") and k.endswith(":yes") for k in done)
    assert {"cohort:partners-2027:network:access", "cohort:partners-2027:network:welcome",
            "ideas:2027-10-04:call", "ideas:2027-10-04:summary", "ideas:2027-10-04:digest",
            "digest:2027-11", "digest:2027-11:chart:1"} <= done
    assert any(k.startswith("ideas:2027-10-04:taken:") for k in done)
    assert "  (nobody could reply" not in "\n".join(lines)


def test_the_worker_runs_between_scenes_so_nothing_is_skipped(scenes):
    # Scenes are moments of a worker that runs all along: the partners' cohort's reflection
    # posts go out on their days, none is caught up late and reported to staff as skipped.
    rows, lines = scenes
    told = "\n".join(lines)
    assert "Skipped" not in told and "I skipped" not in told
    for n in (1, 2, 3):
        for part in ("agenda", "reminder", "followup"):
            assert rows[f"cohort:partners-2027:session:{n}:{part}"].status == "done"
    assert "\n— Friday 10 September 2027, 09:00 — the bot's regular run" in lines
    assert rows["event:network-social:2027-10-26:attendance-call"].status == "done"
