"""The CLI and the worker start without the numerical stack (and `--help` without a database).

Each check runs in a fresh interpreter, since this test process has long since imported
everything.
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("numpy", "scipy", "sqlalchemy")


def loaded_after(code: str) -> set[str]:
    """Which of HEAVY a fresh interpreter has imported after running `code`."""
    report = f"print(__import__('json').dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    probe = f"import sys\n{code}\n{report}"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=60)  # fmt: skip
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_importing_the_cli_loads_neither_numpy_scipy_nor_sqlalchemy() -> None:
    assert loaded_after("import bot.cli") == set()


def test_help_loads_neither_numpy_scipy_nor_sqlalchemy() -> None:
    code = ("import sys\nsys.argv = ['loti-bot', '--help']\nfrom bot.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass")  # fmt: skip
    assert loaded_after(code) == set()


def test_config_worker_and_jobs_load_no_numpy_or_scipy() -> None:
    modules = ("bot.config", "bot.config.mentoring", "bot.core.matching", "bot.jobs.mentoring",
               "bot.jobs.context", "bot.worker")  # fmt: skip
    assert not loaded_after("\n".join(f"import {m}" for m in modules)) & {"numpy", "scipy"}


def test_matching_a_round_does_load_scipy() -> None:
    # The guard above is only meaningful if matching really is where scipy comes in.
    code = ("from bot.core.matching import Person, Rules, match\n"
            "match([Person(1, 'A', capacity=1), Person(2, 'B', mentee=True)], Rules())")
    assert {"numpy", "scipy"} <= loaded_after(code)


def loaded_of(code: str, names: tuple[str, ...]) -> set[str]:
    """Which of `names` a fresh interpreter has imported after running `code`."""
    report = f"print(__import__('json').dumps([m for m in {names!r} if m in sys.modules]))"
    out = subprocess.run([sys.executable, "-c", f"import sys\n{code}\n{report}"],
                         capture_output=True, text=True, check=True, timeout=60)  # fmt: skip
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


SETTINGS_AND_DATABASE = ("pydantic_settings", "pydantic", "sqlalchemy", "bot.config",
                         "bot.settings", "yaml")  # fmt: skip


def run_cli(*args: str) -> str:
    return ("import sys\n"
            f"sys.argv = ['loti-bot', {', '.join(map(repr, args))}]\n"
            "from bot.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass")  # fmt: skip


def test_help_loads_no_settings_config_or_database() -> None:
    # Settings and config load when a command runs; listing the commands needs neither.
    assert loaded_of(run_cli("--help"), SETTINGS_AND_DATABASE) == set()


def test_a_commands_help_loads_no_settings_config_or_database() -> None:
    for command in (["classify", "--help"], ["mentoring", "read", "--help"], ["check", "--help"]):
        assert loaded_of(run_cli(*command), SETTINGS_AND_DATABASE) == set(), command


def test_running_a_command_does_load_settings() -> None:
    # The guard above is only meaningful if a command that runs really loads them.
    code = ("import os\nos.environ.clear()\n" + run_cli("--env-file", "/nonexistent", "check"))
    assert {"pydantic_settings", "bot.settings"} <= loaded_of(code, SETTINGS_AND_DATABASE)


def test_the_cheap_head_check_agrees_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    from bot.store.db import alembic_config, script_heads

    assert script_heads() == set(ScriptDirectory.from_config(alembic_config()).get_heads())


def test_migrating_a_new_database_or_one_at_head_loads_no_alembic(tmp_path) -> None:
    url = f"sqlite:///{tmp_path}/bot.sqlite3"
    code = f"from bot.store.db import make_engine, migrate\nmigrate(make_engine({url!r}))"
    assert loaded_of(code, ("alembic",)) == set()  # the first start creates the schema at once
    assert loaded_of(code, ("alembic",)) == set()  # every later start only checks the version


def test_a_database_behind_head_is_still_upgraded(tmp_path) -> None:
    from alembic import command
    from sqlalchemy import text

    from bot.store.db import alembic_config, make_engine, migrate, script_heads

    engine = make_engine(f"sqlite:///{tmp_path}/bot.sqlite3")
    migrate(engine)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "-1")
    version = "SELECT version_num FROM alembic_version"
    with engine.connect() as conn:
        assert {r[0] for r in conn.execute(text(version))} != script_heads()
    migrate(engine)
    with engine.connect() as conn:
        assert {r[0] for r in conn.execute(text(version))} == script_heads()
    engine.dispose()
