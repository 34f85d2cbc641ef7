"""`loti-bot signups EVENT`: CSV/JSON export and staff --add/--remove."""

from __future__ import annotations

import csv
import io
import json
import os

from click.testing import CliRunner

from bot.cli import cli
from bot.jobs.signups import signup_rows


def _run(world, db_url: str, tmp_path, *args: str):
    env = {k: None for k in os.environ if k.startswith(("BASECAMP_", "LOTI_", "DATABASE_"))}
    env |= {
        "BASECAMP_ACCOUNT_ID": str(world.sb.account_id),
        "BASECAMP_ACCESS_TOKEN": world.sb.token,
        # The sandbox, never the real Basecamp: --add looks the person up there.
        "BASECAMP_API_URL": world.sb.api_url,
        "BASECAMP_LAUNCHPAD_URL": world.sb.launchpad_url,
        "DATABASE_URL": db_url,
        "LOTI_CONFIG_DIR": str(tmp_path / "config"),
    }
    return CliRunner().invoke(cli, ["--env-file", "/nonexistent", "signups", *args], env=env)


def _filled(world):
    world.announce(capacity=1)
    priya = world.member("Priya Shah", "priya@hackney.gov.uk")
    sam = world.member("=Sam Lee", "sam@example.org", company="Acme Ltd")
    world.reply(priya, "Count me in!")
    world.reply(sam, "Yes please")
    world.cycle()
    return priya, sam


def test_csv_export_lists_status_position_and_organisation(world, db_url, tmp_path) -> None:
    _filled(world)
    result = _run(world, db_url, tmp_path, world.key, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["email"], r["status"], r["waitlist_position"]) for r in rows] == [
        ("priya@hackney.gov.uk", "confirmed", ""),
        ("sam@example.org", "waitlisted", "1"),
    ]
    assert rows[0]["organisation"] == "hackney"
    assert rows[1]["organisation"] == "Acme Ltd (not a member organisation)"
    assert rows[0]["link"].startswith("http") and rows[0]["replied_at"]
    assert rows[1]["name"] == "'=Sam Lee"  # never a spreadsheet formula


def test_json_export(world, db_url, tmp_path) -> None:
    _filled(world)
    result = _run(world, db_url, tmp_path, world.key, "--format", "json")
    data = json.loads(result.stdout)
    assert [d["status"] for d in data] == ["confirmed", "waitlisted"]


def test_staff_remove_then_add(world, db_url, tmp_path) -> None:
    _filled(world)
    result = _run(
        world,
        db_url,
        tmp_path,
        world.key,
        "--remove",
        "priya@hackney.gov.uk",
        "--add",
        "newbie@brent.gov.uk",
    )
    assert result.exit_code == 0, result.output
    assert "newbie@brent.gov.uk is not a Basecamp person yet" in result.output
    statuses = {r.email: r.status for r in signup_rows(world.ctx, world.key)}
    assert statuses == {
        "priya@hackney.gov.uk": "withdrawn",
        "sam@example.org": "confirmed",
        "newbie@brent.gov.uk": "confirmed",
    }
    world.cycle()  # the promoted member is told, and the live line follows
    assert any("a place has come up" in c for c in world.bot_comments())
    assert "2 of 1 places taken" in world.announcement_html()


def test_unknown_event_and_bad_email_are_clear_errors(world, db_url, tmp_path) -> None:
    _filled(world)
    result = _run(world, db_url, tmp_path, "event:nope")
    assert result.exit_code == 1 and "no sign-up thread" in result.output
    result = _run(world, db_url, tmp_path, world.key, "--add", "not-an-email")
    assert result.exit_code == 2 and "not an email address" in result.output
