"""The demo's programme scenes run end to end against their own sandbox."""

from __future__ import annotations

from pathlib import Path

from bot.demo_programme import run_programme_scenes

REPO = Path(__file__).resolve().parents[2]


def test_the_scenes_show_each_part_once():
    lines: list[str] = []
    rows = run_programme_scenes(REPO / "templates", echo=lines.append)
    done = {k for k, r in rows.items() if r.status == "done"}
    assert any(k.startswith("funding:autumn-2027:ask:") for k in done)
    assert any(k.startswith("funding:autumn-2027:") and k.endswith(":yes") for k in done)
    assert {"cohort:partners-2027:network:access", "cohort:partners-2027:network:welcome",
            "ideas:2027-10-04:call", "ideas:2027-10-04:summary", "ideas:2027-10-04:digest",
            "digest:2027-11", "digest:2027-11:chart:1"} <= done
    assert any(k.startswith("ideas:2027-10-04:taken:") for k in done)
    assert "  (nobody could reply" not in "\n".join(lines)
