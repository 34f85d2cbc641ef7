"""`loti-bot sandbox` runs a seeded server, keeps its state file and stops on SIGTERM."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time

import requests


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_sandbox_command_serves_seeded_demo_and_saves_state(tmp_path):
    port, state = _free_port(), tmp_path / "demo.json"
    code = "from bot.commands.sandbox import sandbox_command; sandbox_command()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "--port", str(port), "--seed", "demo",
         "--state-file", str(state)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        info = None
        for _ in range(100):
            try:
                info = requests.get(f"http://127.0.0.1:{port}/__sandbox/info", timeout=1).json()
                break
            except requests.ConnectionError:
                time.sleep(0.05)
        assert info is not None, proc.stderr.read() if proc.poll() is not None else "no answer"
        headers = {"Authorization": f"Bearer {info['access_token']}",
                   "User-Agent": "LOTI demo (network-bot@loti.london)"}
        projects = requests.get(f"{info['api_url']}/{info['account_id']}/projects.json",
                                headers=headers, timeout=5).json()
        assert [p["name"] for p in projects] == ["Women's Digital Leaders Network"]
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert f"BASECAMP_API_URL=http://127.0.0.1:{port}" in out
    assert info["access_token"] in out  # ready to paste (issue 11)
    saved = json.loads(state.read_text())
    assert len(saved["people"]) == 8  # the bot, LOTI staff and six members
