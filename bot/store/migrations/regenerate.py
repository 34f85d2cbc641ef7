"""Regenerate the single initial revision (0001) from `metadata`.

For the first release only: `python -m bot.store.migrations.regenerate` deletes
versions/0001_initial.py and autogenerates it again against an empty SQLite database,
then formats it with ruff if available. After the first release, add new revisions instead.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from alembic import command

from bot.store.db import MIGRATIONS_DIR, alembic_config, make_engine

INITIAL = MIGRATIONS_DIR / "versions" / "0001_initial.py"


def regenerate() -> Path:
    """Write a fresh versions/0001_initial.py that creates every table in metadata."""
    INITIAL.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/empty.sqlite3")
        with engine.begin() as conn:
            cfg = alembic_config(conn)
            command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001")
        engine.dispose()
    produced = sorted((MIGRATIONS_DIR / "versions").glob("0001_*.py"))
    for path in produced:
        if path != INITIAL:
            path.rename(INITIAL)
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if Path(ruff).exists():
        subprocess.run([ruff, "format", "-q", str(INITIAL)], check=False)
        subprocess.run([ruff, "check", "--fix", "-q", str(INITIAL)], check=False)
    return INITIAL


if __name__ == "__main__":
    print(f"wrote {regenerate()}")
