"""Helpers for the staff tests: a copy of the shipped config and templates, and the CLI."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner, Result

from tests.support.world import REPO, USER_AGENT


@dataclass
class StaffDesk:
    """What a staff member edits (config/ and templates/ copies) and the commands they run."""

    root: Path
    env: dict[str, str]

    @property
    def config_dir(self) -> Path:
        return self.root / "config"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    def edit(self, relative: str, old: str, new: str) -> None:
        """Replace `old` with `new` once in a copied file (the edit a staff member makes)."""
        path = self.root / relative
        text = path.read_text()
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1))

    def line_of(self, relative: str, needle: str) -> int:
        """1-based line of the first line containing `needle`."""
        for number, line in enumerate((self.root / relative).read_text().splitlines(), 1):
            if needle in line:
                return number
        raise AssertionError(f"{needle!r} not in {relative}")

    def run(self, *args: str, input: str | None = None, **env: str | None) -> Result:
        """Run `loti-bot ARGS` as staff would (env values of None unset a variable)."""
        from bot.cli import cli

        runner = CliRunner()
        return runner.invoke(cli, ["--env-file", str(self.root / ".env"), *args], input=input,
                             env={**self.env, **env}, prog_name="loti-bot")


def make_desk(tmp_path: Path, **env: str) -> StaffDesk:
    shutil.copytree(REPO / "config", tmp_path / "config")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    base = {
        "BASECAMP_ACCOUNT_ID": "999999999",
        "BASECAMP_ACCESS_TOKEN": "not-used-offline",
        "BASECAMP_USER_AGENT": USER_AGENT,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.sqlite3'}",
        "LOTI_CONFIG_DIR": str(tmp_path / "config"),
        "LOTI_TEMPLATES_DIR": str(tmp_path / "templates"),
    }
    return StaffDesk(tmp_path, {**base, **env})


def error_line(output: str) -> str:
    """The first line shaped like `file:line: field: message` (or `file:line: message`)."""
    for line in output.splitlines():
        if re.search(r"\.(ya?ml|j2):\d+: ", line):
            return re.sub(r"^[a-z ]+ error: ", "", line)  # "config error: " introduces it
    raise AssertionError(f"no file:line message in:\n{output}")
