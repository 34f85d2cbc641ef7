"""`.ci/run` prepares a machine without Debian-only commands, or says what to do instead."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# What the script needs from a plain POSIX machine (no apt-get, no pg_* tools, no chromium).
BASICS = ("bash", "dirname", "seq", "sleep", "ls", "head", "env", "cat")


def _fake_path(tmp_path: Path, **scripts: str) -> Path:
    """A PATH with only the basics, `id -u` saying root, and these extra shell scripts."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in BASICS:
        found = shutil.which(name)
        assert found, name
        (bin_dir / name).symlink_to(found)
    scripts.setdefault("id", "echo 0")
    for name, body in scripts.items():
        script = bin_dir / name
        script.write_text(f"#!{shutil.which('bash')}\n{body}\n")
        script.chmod(0o755)
    return bin_dir


def _run(bin_dir: Path) -> subprocess.CompletedProcess:
    env = {"PATH": str(bin_dir), "LOTI_CI_PREPARE_ONLY": "1", "HOME": os.environ.get("HOME", "/")}
    return subprocess.run([str(bin_dir / "bash"), str(REPO / ".ci" / "run")], env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_without_apt_get_it_says_how_to_get_chromium_and_goes_on(tmp_path) -> None:
    # No pg_isready either: PostgreSQL (up on this machine) is found by its port.
    result = _run(_fake_path(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Chromium is not installed and there is no apt-get here" in result.stderr
    assert "package manager" in result.stderr


def test_with_apt_get_it_installs_chromium(tmp_path) -> None:
    log = tmp_path / "apt.log"
    result = _run(_fake_path(tmp_path, **{"apt-get": f'echo "$@" >> {log}'}))
    assert result.returncode == 0, result.stderr
    calls = log.read_text().splitlines()
    assert calls[0].startswith("update")
    assert calls[1].split()[-1] == "chromium" and "install" in calls[1]
