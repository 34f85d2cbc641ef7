"""Commands behave alike: -v anywhere, signups' keys and staff changes, mentoring views agree."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config.signups import SignupRules
from tests.staff.staff_support import StaffDesk, make_desk
from tests.support.world import sandbox_env

KEY = "event:lunch-and-learn:2027-01-12"


class TestVerbose:
    @pytest.mark.parametrize("args", [["-v", "check"], ["check", "-v"], ["check", "--verbose"]])
    def test_verbose_before_or_after_the_command(self, desk: StaffDesk, args) -> None:
        logging.getLogger().setLevel(logging.INFO)
        result = desk.run(*args)
        assert result.exit_code == 0, result.output
        assert logging.getLogger().level == logging.DEBUG

    def test_an_argument_after_a_double_dash_is_left_alone(self, desk: StaffDesk) -> None:
        result = desk.run("classify", "--", "-v")
        assert "No such option" not in result.output


def _open_thread(db_url: str, key: str = KEY) -> None:
    from bot.store import signups_repo as repo
    from bot.store.db import Store, make_engine, migrate

    engine = make_engine(db_url)
    migrate(engine)
    store = Store(engine)
    with store.transaction() as conn:
        repo.save_thread(conn, {
            "key": key, "recording_id": 5001, "project_id": 6001, "title": "Lunch and learn",
            "rules": SignupRules(capacity=2).model_dump_json(), "subject": "Lunch and learn",
            "announcement_html": "<div>x</div>", "schedule_entry_id": None,
            "opened_at": datetime(2026, 12, 22, 9, tzinfo=UTC)})
    store.close()
    engine.dispose()


@pytest.fixture
def office(sandbox, tmp_path: Path) -> StaffDesk:
    """The shipped config, a sandbox account with one member, and one open sign-up thread."""
    desk = make_desk(tmp_path)
    desk.env.update(sandbox_env(sandbox, desk.env["DATABASE_URL"],
                                LOTI_CONFIG_DIR=desk.env["LOTI_CONFIG_DIR"],
                                LOTI_TEMPLATES_DIR=desk.env["LOTI_TEMPLATES_DIR"]))
    sandbox.add_person("Helen Adeyemi", "helen.adeyemi@camden.gov.uk")
    _open_thread(desk.env["DATABASE_URL"])
    return desk


class TestSignups:
    def test_unknown_key_lists_the_valid_keys(self, office: StaffDesk) -> None:
        result = office.run("signups", "event:lunch-learn:2026-12-08")
        assert result.exit_code != 0
        assert KEY in result.output and "Traceback" not in result.output

    def test_help_example_is_a_real_key_shape(self, office: StaffDesk) -> None:
        text = office.run("signups", "--help").output
        assert "lunch-learn" not in text
        assert "event:lunch-and-learn:" in text

    def test_add_says_who_it_is_and_their_organisation(self, office: StaffDesk) -> None:
        result = office.run("signups", KEY, "--add", "Helen.Adeyemi@camden.gov.uk",
                            "--format", "json")
        assert result.exit_code == 0, result.output
        assert "Helen Adeyemi" in result.output and "Basecamp" in result.output
        assert "London Borough of Camden" in result.output
        assert "helen.adeyemi@camden.gov.uk" in result.output

    def test_add_of_someone_not_in_basecamp_says_so(self, office: StaffDesk) -> None:
        result = office.run("signups", KEY, "--add", "new.person@hackney.gov.uk")
        assert result.exit_code == 0, result.output
        assert "not a Basecamp person" in result.output
        assert "London Borough of Hackney" in result.output

    def test_add_of_an_address_outside_every_organisation_says_so(self, office) -> None:
        result = office.run("signups", KEY, "--add", "someone@gmail.com")
        assert result.exit_code == 0, result.output
        assert "not at a member organisation" in result.output

    @pytest.mark.parametrize("bad", ["helen@camden", "helen camden.gov.uk", "<a@b.com>",
                                     "a@@b.com", "helen@camden.gov.uk,jo@camden.gov.uk"])
    def test_add_refuses_malformed_addresses(self, office: StaffDesk, bad: str) -> None:
        result = office.run("signups", KEY, "--add", bad, "--format", "json")
        assert result.exit_code == 2, result.output
        assert "not an email address" in result.output
        listed = office.run("signups", KEY, "--format", "json")
        assert json.loads(listed.stdout) == []

    def test_remove_of_someone_not_signed_up_changes_nothing(self, office: StaffDesk) -> None:
        result = office.run("signups", KEY, "--remove", "nobody@camden.gov.uk")
        assert result.exit_code == 1, result.output
        assert "not signed up" in result.output
        from bot.store import signups_repo as repo
        from bot.store.db import Store, make_engine

        engine = make_engine(office.env["DATABASE_URL"])
        store = Store(engine)
        with store.transaction() as conn:
            assert repo.staff_actions(conn, KEY) == []
        store.close()
        engine.dispose()

    def test_remove_after_add_works(self, office: StaffDesk) -> None:
        assert office.run("signups", KEY, "--add", "helen.adeyemi@camden.gov.uk").exit_code == 0
        result = office.run("signups", KEY, "--remove", "helen.adeyemi@camden.gov.uk",
                            "--format", "json")
        assert result.exit_code == 0, result.output
        statuses = {r["email"]: r["status"] for r in json.loads(result.stdout)}
        assert statuses.get("helen.adeyemi@camden.gov.uk") != "confirmed"
