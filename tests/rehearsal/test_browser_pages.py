"""The demo's transcript and a `preview --html` page, opened in headless Chromium.

Chromium is Debian's `chromium` (.ci/run installs it). Without it this test fails in CI
(`CI` set) and is skipped only on a developer machine without it. Screenshots are kept under
artefacts/screenshots/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.demo import run_demo

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "artefacts" / "screenshots"
RAW = ("{{", "{%", "%}", "}}", "&lt;div", "&lt;p", "&lt;strong", "Traceback", "Undefined",
       "bc-attachment")


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run installs it (apt-get install chromium)")
        pytest.skip("chromium is not installed (in CI this fails): apt-get install chromium")
    return found


def _run(chromium: str, *args: str) -> str:
    result = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--no-first-run", "--disable-dev-shm-usage", *args],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _png_size_and_colours(path: Path) -> tuple[int, int, int]:
    """(width, height, distinct byte values in the image data): a blank page has very few."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", data[16:24])
    idat, pos = b"", 8
    while pos < len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        if data[pos + 4:pos + 8] == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += length + 12
    return width, height, len(set(zlib.decompress(idat)))


def _open(chromium: str, page: Path, shot: str, must_show: list[str]) -> None:
    """Render `page`: its DOM has what it must and no raw markup; keep a screenshot."""
    url = page.resolve().as_uri()
    SHOTS.mkdir(parents=True, exist_ok=True)
    target = SHOTS / shot
    target.unlink(missing_ok=True)
    # One launch prints the DOM and takes the screenshot (each launch costs about 1 s of CPU).
    dom = _run(chromium, "--window-size=1200,1800", "--dump-dom", f"--screenshot={target}", url)
    for raw in RAW:
        assert raw not in dom, f"{page.name} shows {raw!r}"
    text = re.sub(r"<[^>]+>", " ", dom)
    for words in must_show:
        assert words in text, f"{page.name} does not show {words!r}"
    width, height, colours = _png_size_and_colours(target)
    assert (width, height) == (1200, 1800)
    assert colours > 40, f"{shot} looks blank"


@pytest.mark.long
def test_the_demo_transcript_and_chart_render_in_chromium(chromium, tmp_path) -> None:
    run_demo(steps=3, out_dir=tmp_path)
    _open(chromium, tmp_path / "transcript.html", "demo-transcript.png",
          ["Lunch and learn: Tuesday 12 January", "Count me in! Looking forward to it.",
           "You're in", "@Hannah Wright", "LOTI Network Bot"])
    _open(chromium, tmp_path / "signups.html", "demo-signups.png",
          ["Lunch and learn, Tuesday 12 January 2027", "London Borough of Brent"])


@pytest.mark.long
def test_a_preview_page_renders_in_chromium(chromium, tmp_path) -> None:
    page = tmp_path / "preview.html"
    help_text = CliRunner().invoke(cli, ["preview", "--help"]).output
    if "--html" in help_text:  # `loti-bot preview --html FILE`, as staff run it
        env = {k: v for k, v in os.environ.items() if not k.startswith(("LOTI_", "BASECAMP_"))}
        env |= {"LOTI_CONFIG_DIR": str(REPO / "config"),
                "LOTI_TEMPLATES_DIR": str(REPO / "templates")}
        done = subprocess.run(
            [sys.executable, "-m", "bot", "--env-file", "/nonexistent", "preview",
             "event_announcement", "--event", "lunch-and-learn", "--html", str(page)],
            capture_output=True, text=True, cwd=REPO, env=env, timeout=60, check=False)
        assert done.returncode == 0, done.stderr
    else:  # until `preview --html` lands: the same post, rendered by the renderer directly
        from bot.config import load_config
        from bot.demo_transcript import post_page
        from bot.jobs.events import occurrence_context
        from bot.render import Renderer

        config = load_config(REPO / "config")
        series = next(s for s in config.events if s.key == "lunch-and-learn")
        renderer = Renderer(REPO / "templates")
        occ = next(o for o in series.occurrences(date(2027, 1, 1), date(2027, 3, 1),
                                                 renderer.tz) if not o.cancelled)
        subject, body = renderer.render_post("event_announcement", **occurrence_context(occ),
                                             places_line="0 of 60 places taken")
        page.write_text(post_page(subject, body), encoding="utf-8")
    _open(chromium, page, "preview-event-announcement.png", ["Lunch and learn", "To sign up"])
