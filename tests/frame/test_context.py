"""Job context wiring (tokens, dry runs) and the planner registry."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from bot.jobs import planner
from bot.jobs.context import build_context
from bot.settings import load_settings
from bot.store.db import Store, make_engine
from bot.store.tables import tokens
from tests.frame.frame_support import sandbox_env


def settings_for(sandbox, db_url: str, **extra: str):
    env = sandbox_env(sandbox, db_url, **extra)
    return load_settings(env_file=None, **{k.lower(): v for k, v in env.items()})


class TestBuildContext:
    def test_wires_everything_at_the_given_time(self, sandbox, db_url: str) -> None:
        when = datetime(2026, 12, 8, 12, 30, tzinfo=UTC)
        ctx = build_context(settings_for(sandbox, db_url), now=when)
        try:
            assert ctx.now == when and ctx.outbox.clock() == when
            assert ctx.me.id == sandbox.bot_person["id"]
            assert str(ctx.tz) == "Europe/London"
            assert ctx.config.network.project.name
            later = ctx.at(datetime(2026, 12, 9, 9, 0, tzinfo=UTC))
            assert later.now.day == 9 and later.store is ctx.store
        finally:
            ctx.close()

    def test_refreshed_tokens_are_stored_even_in_a_dry_run_and_preferred(
        self, sandbox, db_url: str, caplog: pytest.LogCaptureFixture
    ) -> None:
        settings = settings_for(sandbox, db_url)
        ctx = build_context(settings, dry_run=True)
        try:
            sandbox.expire_token()
            with caplog.at_level(logging.INFO):
                assert ctx.client.my_profile().id == sandbox.bot_person["id"]
        finally:
            ctx.close()
        new_token = sandbox.token
        assert new_token != settings.basecamp_access_token.get_secret_value()
        engine = make_engine(db_url)
        with Store(engine).transaction() as conn:
            row = conn.execute(select(tokens)).one()
        engine.dispose()
        assert row.access_token == new_token
        assert new_token not in caplog.text
        assert "auth: access token refreshed" in caplog.text
        # The env token no longer works; a new context must use the stored one.
        again = build_context(settings)
        try:
            assert again.me.id == sandbox.bot_person["id"]
        finally:
            again.close()


def fake_ctx(stop_after: int | None = None) -> SimpleNamespace:
    calls = {"n": 0}

    def stopping() -> bool:
        return stop_after is not None and calls["n"] >= stop_after

    return SimpleNamespace(stopping=stopping, calls=calls)


class TestPlanner:
    def test_one_failing_planner_does_not_stop_the_others(
        self, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
    ) -> None:
        ran: list[str] = []

        def broken(ctx) -> None:
            raise ValueError("bad event")

        monkeypatch.setattr(planner, "PLANNERS", [broken, lambda ctx: ran.append("second")])
        assert planner.run(fake_ctx()) == 1
        assert ran == ["second"]
        assert "broken failed: bad event" in caplog.text
        assert "carrying on with the others" in caplog.text

    def test_stops_between_planners_on_shutdown(self, monkeypatch: pytest.MonkeyPatch) -> None:
        ctx = fake_ctx(stop_after=1)

        def count(c) -> None:
            c.calls["n"] += 1

        monkeypatch.setattr(planner, "PLANNERS", [count, count, count])
        assert planner.run(ctx) == 0
        assert ctx.calls["n"] == 1

    def test_load_features_imports_what_exists(self) -> None:
        import importlib.util

        loaded = planner.load_features()
        expected = [
            n
            for n in planner.FEATURE_MODULES
            if importlib.util.find_spec(f"bot.jobs.{n}") is not None
        ]
        assert loaded == expected
